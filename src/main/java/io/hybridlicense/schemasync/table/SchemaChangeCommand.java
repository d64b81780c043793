package io.hybridlicense.schemasync.table;

import io.hybridlicense.schemasync.domain.ColumnAlteration;
import io.hybridlicense.schemasync.domain.ColumnDefinition;
import io.hybridlicense.schemasync.domain.Dialect;
import io.hybridlicense.schemasync.domain.Table;
import io.hybridlicense.schemasync.domain.TableEvent;
import java.util.List;

/** A change to an existing table, decided by the aggregate once the table's dialect is known. */
sealed interface SchemaChangeCommand {

    List<TableEvent> decide(Table table, Dialect dialect);

    /** A column as requested; validated against the dialect when decided. */
    record ColumnInput(String name, String type, Boolean nullable, Object defaultValue, Boolean primaryKey) {
        ColumnDefinition toDefinition(Dialect dialect) {
            return ColumnDefinition.of(name, type, nullable, defaultValue, primaryKey, dialect);
        }
    }

    record AddColumn(ColumnInput column) implements SchemaChangeCommand {
        public List<TableEvent> decide(Table table, Dialect dialect) {
            return table.addColumn(column.toDefinition(dialect));
        }
    }

    record AlterColumn(String column, ColumnAlteration alteration) implements SchemaChangeCommand {
        public List<TableEvent> decide(Table table, Dialect dialect) {
            return table.alterColumn(column, alteration);
        }
    }

    record DropColumn(String column) implements SchemaChangeCommand {
        public List<TableEvent> decide(Table table, Dialect dialect) {
            return table.dropColumn(column);
        }
    }

    record RenameTable(String newName) implements SchemaChangeCommand {
        public List<TableEvent> decide(Table table, Dialect dialect) {
            return table.rename(newName);
        }
    }

    record DropTable() implements SchemaChangeCommand {
        public List<TableEvent> decide(Table table, Dialect dialect) {
            return table.drop();
        }
    }
}
