package io.hybridlicense.schemasync.api;

import java.util.UUID;

/** A data source was removed from schemasync; the user's database itself was not touched. */
public record DataSourceDeleted(UUID datasourceId, String ownerId, String actorId) {
}
