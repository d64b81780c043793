package io.hybridlicense.schemasync.api;

import java.util.UUID;

/**
 * A requested change will not be applied; the table's model returned to its last confirmed state.
 *
 * @param reason a slug: {@code target-rejected}, {@code target-conflict}, {@code table-missing},
 *               {@code retry-limit-reached}, {@code preceding-change-rejected}, a slug of this server's refusal
 *               of the target ({@code invalid-sqlite-file}, …)
 * @param detail the database's message, never a credential
 */
public record SchemaChangeRejected(UUID tableId, UUID datasourceId, int version, String change, String reason,
                                   String detail) {
}
