package io.hybridlicense.schemasync.api;

import java.util.UUID;

/**
 * A user asked for a schema change; published in the transaction that stores the request.
 *
 * @param change  the kind: {@code create-table}, {@code add-column}, {@code alter-column},
 *                {@code drop-column}, {@code rename-table}, {@code drop-table}
 * @param table   the table's name the change runs against
 * @param actorId the requesting user
 */
public record SchemaChangeRequested(UUID tableId, UUID datasourceId, int version, String change, String table,
                                    String actorId) {
}
