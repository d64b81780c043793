package io.hybridlicense.schemasync.domain;

import java.util.List;

/**
 * Identity columns ({@code "generated": "identity"}): numbered by the database, so integer, NOT NULL and
 * without a default, at most one per table, and a key where the dialect needs one: MariaDB/MySQL number
 * only the first column of a key ({@code AUTO_INCREMENT}), SQLite only its rowid alias, which is the
 * table's one and only primary key column ({@code INTEGER PRIMARY KEY}). Breaches answer 422.
 */
final class IdentityPolicy {

    private static final String FIELD = "generated";

    private IdentityPolicy() {
    }

    /** @return whether the column is an identity column */
    static boolean requireValid(String generated, ColumnType type, Boolean nullable, Object defaultValue) {
        if (generated == null) {
            return false;
        }
        if (!ColumnDefinition.IDENTITY.equals(generated)) {
            throw new ChangeRefused(ChangeRefused.Reason.INVALID_DEFINITION, "generated must be \"identity\" or absent", FIELD);
        }
        if (!type.base().equals("integer") && !type.base().equals("bigint")) {
            refuse("An identity column must be integer or bigint");
        }
        if (Boolean.TRUE.equals(nullable)) {
            refuse("An identity column cannot be nullable");
        }
        if (defaultValue != null) {
            refuse("An identity column cannot have a default: the database numbers it");
        }
        return true;
    }

    static void checkCreate(Dialect dialect, List<ColumnDefinition> columns) {
        List<ColumnDefinition> identities = columns.stream().filter(ColumnDefinition::identity).toList();
        if (identities.isEmpty()) {
            return;
        }
        if (identities.size() > 1) {
            refuse("A table has at most one identity column");
        }
        ColumnDefinition identity = identities.get(0);
        List<ColumnDefinition> keys = columns.stream().filter(ColumnDefinition::primaryKey).toList();
        switch (dialect) {
            case SQLITE -> {
                if (!identity.primaryKey() || keys.size() != 1) {
                    refuse("Not possible on sqlite: an identity column is the table's only primary key column "
                            + "(INTEGER PRIMARY KEY)");
                }
            }
            case MARIADB, MYSQL -> {
                if (keys.isEmpty() || keys.get(0) != identity) {
                    refuse("Not possible on " + dialect.apiName() + ": an identity column (AUTO_INCREMENT) must be "
                            + "the first primary key column");
                }
            }
            case POSTGRESQL -> {
            }
        }
    }

    static void checkAdd(Dialect dialect, TableShape table, ColumnDefinition column) {
        if (column.identity() && dialect != Dialect.POSTGRESQL) {
            refuse("Not possible on " + dialect.apiName() + ": an identity column is a primary key column, "
                    + "declared when the table is created");
        }
        if (column.identity() && table.columns().stream().anyMatch(ColumnDefinition::identity)) {
            refuse("A table has at most one identity column");
        }
    }

    static void checkAlter(Dialect dialect, SchemaChange.AlterColumn change) {
        if (!change.before().identity()) {
            return;
        }
        requireValid(change.after().generated(), change.after().columnType(), change.after().nullable(),
                change.after().defaultValue());
        if (dialect == Dialect.SQLITE && change.changesType()) {
            refuse("Not possible on sqlite: an identity column is always a 64-bit INTEGER PRIMARY KEY");
        }
    }

    private static void refuse(String detail) {
        throw new ChangeRefused(ChangeRefused.Reason.UNSUPPORTED, detail, FIELD);
    }
}
