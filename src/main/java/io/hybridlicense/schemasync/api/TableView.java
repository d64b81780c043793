package io.hybridlicense.schemasync.api;

import java.util.List;
import java.util.UUID;

/**
 * A table of a user's database as the model knows it.
 *
 * @param columns       the columns once every pending change is applied
 * @param status        {@code pending}, {@code synced}, {@code rejected} or {@code dropped}
 * @param version       the latest requested change (the value for {@code If-Match})
 * @param syncedVersion the latest change the user's database confirmed
 * @param lastError     why the current change is being retried, or why the last one was rejected
 * @param drift         how the user's database was last found to differ from the model (empty: it matched, or
 *                      was not checked); while not empty, changes are refused until the table is reconciled
 */
public record TableView(UUID tableId, UUID datasourceId, String name, List<ColumnView> columns, String status,
                        int version, int syncedVersion, String lastError, List<DriftView> drift) {
}
