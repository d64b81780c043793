package io.hybridlicense.schemasync.domain;

import java.util.List;

/**
 * What one requested change asks of the user's database, with everything needed to apply it and to
 * recognise that it is already applied: the table's name and columns as they are just before it.
 */
public sealed interface SchemaChange {

    /** The table's name in the user's database when the change runs. */
    String table();

    record CreateTable(String table, List<ColumnDefinition> columns) implements SchemaChange {
    }

    record AddColumn(String table, ColumnDefinition column) implements SchemaChange {
    }

    record AlterColumn(String table, ColumnDefinition before, ColumnDefinition after) implements SchemaChange {

        public boolean renames() {
            return !before.name().equals(after.name());
        }

        public boolean changesType() {
            return !before.type().equals(after.type());
        }

        public boolean changesNullability() {
            return before.nullable() != after.nullable();
        }

        public boolean changesDefault() {
            return !java.util.Objects.equals(before.defaultValue(), after.defaultValue());
        }
    }

    record DropColumn(String table, String column) implements SchemaChange {
    }

    record RenameTable(String table, String newName) implements SchemaChange {
    }

    record DropTable(String table) implements SchemaChange {
    }

    /**
     * Several changes run as one (a reconciliation or a revert): from one whole shape of the table to
     * another. {@code kind} is {@code reconcile} or {@code revert}.
     */
    record Reshape(String kind, TableShape from, TableShape to) implements SchemaChange {

        @Override
        public String table() {
            return from.exists() ? from.name() : to.name();
        }

        /** The steps in order, each with the shape of the table just before it. */
        public java.util.List<Step> steps() {
            return ReshapePlan.steps(from, to);
        }
    }

    /** One step of a {@link Reshape}. */
    record Step(SchemaChange change, TableShape before) {
    }
}
