package io.hybridlicense.schemasync.domain;

import java.util.List;

/**
 * Changes a dialect cannot make in place are refused before anything is queued (422), instead of
 * being queued only for the user's database to reject them.
 */
final class DialectPolicy {

    private DialectPolicy() {
    }

    static void checkCreate(Dialect dialect, List<ColumnDefinition> columns) {
        if (columns.isEmpty()) {
            throw new ChangeRefused(ChangeRefused.Reason.INVALID_DEFINITION, "A table needs at least one column");
        }
        for (ColumnDefinition column : columns) {
            requirePortable(dialect, column);
            if (column.primaryKey() && column.columnType().isUnboundedText() && isMySqlFamily(dialect)) {
                unsupported(dialect, "a text or json column cannot be a primary key");
            }
            checkDefault(dialect, column);
        }
    }

    static void checkAdd(Dialect dialect, ColumnDefinition column) {
        requirePortable(dialect, column);
        if (column.primaryKey()) {
            unsupported(dialect, "a primary key column can only be declared when the table is created");
        }
        if (dialect == Dialect.SQLITE && !column.nullable() && column.defaultValue() == null) {
            unsupported(dialect, "a NOT NULL column can only be added with a default");
        }
        checkDefault(dialect, column);
    }

    static void checkAlter(Dialect dialect, SchemaChange.AlterColumn change) {
        boolean inPlace = change.changesType() || change.changesNullability() || change.changesDefault();
        if (inPlace && (change.before().hasNativeType() || change.after().hasNativeType())) {
            unsupported(dialect, "a column of a native type (" + (change.before().hasNativeType() ? change.before() : change.after()).type()
                    + ") can be renamed or dropped, not altered");
        }
        if (change.before().primaryKey() != change.after().primaryKey()) {
            unsupported(dialect, "a column cannot become or stop being part of the primary key");
        }
        if (dialect == Dialect.SQLITE && inPlace) {
            unsupported(dialect, "only renaming a column is possible without rebuilding the table");
        }
        if (change.before().primaryKey() && change.changesNullability()) {
            unsupported(dialect, "a primary key column stays NOT NULL");
        }
        if (change.before().primaryKey() && change.changesType() && isMySqlFamily(dialect)
                && change.after().columnType().isUnboundedText()) {
            unsupported(dialect, "a primary key column cannot become text or json");
        }
        checkDefault(dialect, change.after());
    }

    static void checkDrop(Dialect dialect, TableShape table, ColumnDefinition column) {
        if (table.columns().size() == 1) {
            unsupported(dialect, "a table keeps at least one column; drop the table instead");
        }
        if (dialect == Dialect.SQLITE && column.primaryKey()) {
            unsupported(dialect, "a primary key column cannot be dropped");
        }
    }

    private static void requirePortable(Dialect dialect, ColumnDefinition column) {
        if (column.hasNativeType()) {
            unsupported(dialect, "a column of a native type (" + column.type() + ") cannot be created by schemasync");
        }
    }

    private static void checkDefault(Dialect dialect, ColumnDefinition column) {
        if (dialect == Dialect.MYSQL && column.defaultValue() != null && column.columnType().isUnboundedText()) {
            unsupported(dialect, "a text or json column cannot have a default");
        }
    }

    private static boolean isMySqlFamily(Dialect dialect) {
        return dialect == Dialect.MARIADB || dialect == Dialect.MYSQL;
    }

    private static void unsupported(Dialect dialect, String why) {
        throw new ChangeRefused(ChangeRefused.Reason.UNSUPPORTED, "Not possible on " + dialect.apiName() + ": " + why);
    }
}
