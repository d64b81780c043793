package io.hybridlicense.schemasync.table;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Bodies of the table endpoints. Names are checked by the domain (per dialect), not here. */
final class TableRequests {

    private TableRequests() {
    }

    /** {@code POST /api/v1/datasources/{dsId}/tables}; without columns, the defaults. */
    record CreateTableRequest(@NotNull String name, @Size(min = 1, max = 200) List<@Valid @NotNull ColumnRequest> columns) {
    }

    /** A column: {@code nullable} defaults to true (false for primary keys). */
    record ColumnRequest(@NotNull String name, @NotNull String type, Boolean nullable,
                         @JsonProperty("default") Object defaultValue, Boolean primaryKey) {

        SchemaChangeCommand.ColumnInput toInput() {
            return new SchemaChangeCommand.ColumnInput(name, type, nullable, defaultValue, primaryKey);
        }
    }

    /** {@code PATCH /api/v1/tables/{id}/columns/{name}}: absent fields stay as they are. */
    record AlterColumnRequest(String name, String type, Boolean nullable, @JsonProperty("default") Object defaultValue,
                              Boolean dropDefault) {
    }

    /** {@code PATCH /api/v1/tables/{id}}: renames the table. */
    record RenameTableRequest(@NotNull String name) {
    }

    /** {@code POST /api/v1/tables/{id}/revert}. */
    record RevertRequest(@NotNull @Min(1) @Max(999_999_999) Integer toVersion, Boolean allowDataLoss) {
    }

    /** {@code POST /api/v1/tables/{id}/reconcile}; {@code allowDataLoss} lets {@code apply} drop or narrow columns. */
    record ReconcileRequest(@NotNull @Pattern(regexp = "apply|adopt", message = "must be apply or adopt") String strategy,
                            Boolean allowDataLoss) {
    }

    /** {@code POST /api/v1/datasources/{dsId}/import}: the tables to take over; absent, every table not yet managed. */
    record ImportRequest(@Size(min = 1, max = 500) List<@NotNull @Size(min = 1, max = 128) String> tables) {
    }

    /** What an import answers: the tables now managed, each synced. */
    record ImportResponse(List<io.hybridlicense.schemasync.api.TableView> tables) {
    }

    /** What a change request answers (202). */
    record ChangeResponse(java.util.UUID tableId, int version, String status) {
    }

    static final List<SchemaChangeCommand.ColumnInput> DEFAULT_COLUMNS = List.of(
            new SchemaChangeCommand.ColumnInput("id", "bigint", false, null, true),
            new SchemaChangeCommand.ColumnInput("name", "text", true, null, false),
            new SchemaChangeCommand.ColumnInput("created_at", "timestamp", true, null, false),
            new SchemaChangeCommand.ColumnInput("updated_at", "timestamp", true, null, false));
}
