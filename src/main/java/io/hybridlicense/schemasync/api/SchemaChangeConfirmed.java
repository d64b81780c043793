package io.hybridlicense.schemasync.api;

import java.util.UUID;

/**
 * The user's database has a requested change; published in the transaction that records it.
 *
 * @param alreadyApplied {@code true} when a previous attempt had applied it (found by introspection)
 */
public record SchemaChangeConfirmed(UUID tableId, UUID datasourceId, int version, String change,
                                    boolean alreadyApplied) {
}
