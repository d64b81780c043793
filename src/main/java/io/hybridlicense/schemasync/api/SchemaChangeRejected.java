package io.hybridlicense.schemasync.api;

import java.util.UUID;

/**
 * A requested change will not be applied; the table's model returned to its last confirmed state.
 *
 * @param reason a slug: {@code target-rejected}, {@code retry-limit-reached}, {@code table-exists},
 *               {@code preceding-change-rejected}, …
 * @param detail the database's message, never a credential
 */
public record SchemaChangeRejected(UUID tableId, UUID datasourceId, int version, String change, String reason,
                                   String detail) {
}
