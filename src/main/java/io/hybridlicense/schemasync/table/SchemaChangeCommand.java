package io.hybridlicense.schemasync.table;

import io.hybridlicense.schemasync.domain.ColumnAlteration;
import io.hybridlicense.schemasync.domain.ColumnDefinition;
import io.hybridlicense.schemasync.domain.Dialect;
import io.hybridlicense.schemasync.domain.Table;
import io.hybridlicense.schemasync.domain.TableEvent;
import io.hybridlicense.schemasync.domain.TableShape;
import io.hybridlicense.schemasync.target.CatalogSnapshot;
import java.util.List;

/** A change to an existing table, decided by the aggregate once the table's dialect is known. */
sealed interface SchemaChangeCommand {

    /** @param history the table's events so far, of which {@code table} is the replay */
    List<TableEvent> decide(Table table, Dialect dialect, List<TableEvent> history);

    /** A column as requested; validated against the dialect when decided. */
    record ColumnInput(String name, String type, Boolean nullable, Object defaultValue, Boolean primaryKey) {
        ColumnDefinition toDefinition(Dialect dialect) {
            return ColumnDefinition.of(name, type, nullable, defaultValue, primaryKey, dialect);
        }
    }

    record AddColumn(ColumnInput column) implements SchemaChangeCommand {
        public List<TableEvent> decide(Table table, Dialect dialect, List<TableEvent> history) {
            return table.addColumn(column.toDefinition(dialect));
        }
    }

    record AlterColumn(String column, ColumnAlteration alteration) implements SchemaChangeCommand {
        public List<TableEvent> decide(Table table, Dialect dialect, List<TableEvent> history) {
            return table.alterColumn(column, alteration);
        }
    }

    record DropColumn(String column) implements SchemaChangeCommand {
        public List<TableEvent> decide(Table table, Dialect dialect, List<TableEvent> history) {
            return table.dropColumn(column);
        }
    }

    record RenameTable(String newName) implements SchemaChangeCommand {
        public List<TableEvent> decide(Table table, Dialect dialect, List<TableEvent> history) {
            return table.rename(newName);
        }
    }

    record DropTable() implements SchemaChangeCommand {
        public List<TableEvent> decide(Table table, Dialect dialect, List<TableEvent> history) {
            return table.drop();
        }
    }

    /** Back to the table's shape at {@code toVersion}, as one change. */
    record Revert(int toVersion, boolean allowDataLoss) implements SchemaChangeCommand {
        public List<TableEvent> decide(Table table, Dialect dialect, List<TableEvent> history) {
            TableShape then = Table.replay(table.id(), dialect,
                    history.stream().filter(event -> event.change() <= toVersion).toList()).latest();
            return table.revert(toVersion, then, allowDataLoss);
        }
    }

    /**
     * Reconciles the model with the database as {@code snapshot} shows it: {@code adopt} or {@code apply}.
     * When the database matches the model again, only records that the drift is gone.
     */
    record Reconcile(String strategy, CatalogSnapshot snapshot, boolean allowDataLoss) implements SchemaChangeCommand {
        public List<TableEvent> decide(Table table, Dialect dialect, List<TableEvent> history) {
            TableShape model = table.confirmedShape();
            if (table.pendingChanges().isEmpty() && model.exists() && snapshot.drift(model).isEmpty()) {
                List<TableEvent> cleared = table.recordDrift(List.of());
                if (!cleared.isEmpty()) {
                    return cleared;
                }
            }
            TableShape actual = snapshot.shape(model.name(), model);
            return "adopt".equals(strategy) ? table.adopt(actual) : table.reconcileByApplying(actual, allowDataLoss);
        }
    }
}
