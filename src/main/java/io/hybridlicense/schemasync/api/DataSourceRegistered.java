package io.hybridlicense.schemasync.api;

import java.util.UUID;

/** A user registered a database; never carries its credentials. */
public record DataSourceRegistered(UUID datasourceId, String ownerId, String name, String kind, String actorId) {
}
