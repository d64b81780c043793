package io.hybridlicense.schemasync.table;

import io.hybridlicense.schemasync.api.DriftView;
import java.util.List;
import java.util.UUID;

/**
 * Answer of {@code GET} (compares) and {@code POST} (compares and records) {@code /api/v1/datasources/{dsId}/drift}:
 * how the database differs from the model now.
 *
 * @param inSync      no table drifted and no table is unknown to the model
 * @param tables      every table compared (those with settled changes that exist in the model), with its drift
 * @param extraTables tables of the database that no table of the model holds
 * @param notChecked  tables with changes in flight, compared once these are settled
 */
record DriftReport(UUID datasourceId, boolean inSync, List<TableDrift> tables, List<String> extraTables, List<UUID> notChecked) {

    /** One table of the model and how the database differs from it (empty: it matches). */
    record TableDrift(UUID tableId, String name, List<DriftView> drift) {
    }
}
