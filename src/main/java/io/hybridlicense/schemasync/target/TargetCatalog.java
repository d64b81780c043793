package io.hybridlicense.schemasync.target;

import io.hybridlicense.schemasync.domain.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a user's database's own catalogue: which tables exist right now and the whole definition of
 * their columns (declared type, nullability, default expression, primary key), in the database's own
 * words. Names are matched with the dialect's identifier rules: PostgreSQL compares exactly (our DDL
 * quotes every name, so {@code "Mixed"} and {@code mixed} are two tables), SQLite ignores case, MariaDB/MySQL
 * ignore the case of column names and of table names only when {@code lower_case_table_names} is set.
 */
final class TargetCatalog {

    /**
     * One column as the target declares it; {@code defaultExpression} is the catalogue's text, or null.
     * {@code identity}: numbered by the database (PostgreSQL identity, MariaDB/MySQL auto_increment, SQLite rowid alias).
     */
    record ActualColumn(String name, String type, boolean nullable, String defaultExpression, boolean primaryKey,
                        boolean identity) {

        ActualColumn(String name, String type, boolean nullable, String defaultExpression, boolean primaryKey) {
            this(name, type, nullable, defaultExpression, primaryKey, false);
        }

        @Override
        public String toString() {
            return name + " " + type + (nullable ? " NULL" : " NOT NULL")
                    + (defaultExpression == null ? "" : " DEFAULT " + defaultExpression) + (primaryKey ? " PRIMARY KEY" : "")
                    + (identity ? " IDENTITY" : "");
        }
    }

    /** A table (or view) of the target, as its catalogue lists it. */
    record ActualTable(String name, List<ActualColumn> columns) {

        @Override
        public String toString() {
            String shape = name + " (" + String.join(", ", columns.stream().map(ActualColumn::toString).toList()) + ")";
            return shape.length() > 400 ? shape.substring(0, 400) + "…" : shape;
        }
    }

    private final Connection connection;
    private final Dialect dialect;
    private final AttemptDeadline deadline;
    private Boolean tableNamesIgnoreCase;

    TargetCatalog(Connection connection, Dialect dialect, AttemptDeadline deadline) {
        this.connection = connection;
        this.dialect = dialect;
        this.deadline = deadline;
    }

    /** The table of that name under the dialect's rules, with its columns; empty when there is none. */
    Optional<ActualTable> table(String name) throws SQLException, ChangeFailure {
        String query = switch (dialect) {
            case POSTGRESQL -> "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relname = ?";
            // information_schema compares names case-insensitively here; the exact rule is applied below
            case MARIADB, MYSQL -> "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
                    + "AND table_name = ?";
            case SQLITE -> "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE";
        };
        List<String> candidates = new ArrayList<>();
        read(query, name, row -> candidates.add(row.getString(1)));
        for (String candidate : candidates) {
            if (sameTableName(candidate, name)) {
                return Optional.of(new ActualTable(candidate, columns(candidate)));
            }
        }
        return Optional.empty();
    }

    /** The names of the database's own tables (no views, no internal tables of the database). */
    List<String> tableNames() throws SQLException, ChangeFailure {
        String query = switch (dialect) {
            case POSTGRESQL -> "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname";
            case MARIADB, MYSQL -> "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
                    + "AND table_type = 'BASE TABLE' ORDER BY table_name";
            case SQLITE -> "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                    + "ORDER BY name";
        };
        List<String> names = new ArrayList<>();
        read(query, null, row -> names.add(row.getString(1)));
        return names;
    }

    /** Whether two column names denote the same column of one table in this dialect. */
    boolean sameColumnName(String a, String b) {
        return dialect == Dialect.POSTGRESQL ? a.equals(b) : a.equalsIgnoreCase(b);
    }

    boolean sameTableName(String a, String b) throws SQLException, ChangeFailure {
        return switch (dialect) {
            case POSTGRESQL -> a.equals(b);
            case SQLITE -> a.equalsIgnoreCase(b);
            case MARIADB, MYSQL -> a.equals(b) || tableNamesIgnoreCase() && a.equalsIgnoreCase(b);
        };
    }

    Optional<ActualColumn> column(ActualTable table, String name) {
        return table.columns().stream().filter(c -> sameColumnName(c.name(), name)).findFirst();
    }

    private boolean tableNamesIgnoreCase() throws SQLException, ChangeFailure {
        if (tableNamesIgnoreCase == null) {
            List<Integer> setting = new ArrayList<>();
            read("SELECT @@lower_case_table_names", null, row -> setting.add(row.getInt(1)));
            tableNamesIgnoreCase = !setting.isEmpty() && setting.get(0) != 0;
        }
        return tableNamesIgnoreCase;
    }

    private List<ActualColumn> columns(String exactTable) throws SQLException, ChangeFailure {
        String query = switch (dialect) {
            case POSTGRESQL -> """
                    SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, pg_get_expr(d.adbin, d.adrelid),
                           EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisprimary AND a.attnum = ANY (i.indkey)),
                           a.attidentity IN ('a', 'd')
                    FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                    WHERE a.attrelid = (SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                        WHERE n.nspname = current_schema() AND c.relname = ?)
                      AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""";
            case MARIADB, MYSQL -> "SELECT column_name, column_type, is_nullable = 'YES', column_default, column_key = 'PRI', "
                    + "extra LIKE '%auto_increment%' "
                    + "FROM information_schema.columns WHERE table_schema = DATABASE() AND BINARY table_name = BINARY ? "
                    + "ORDER BY ordinal_position";
            // the rowid alias: the only primary key column, declared exactly INTEGER (decided below)
            case SQLITE -> "SELECT name, type, \"notnull\" = 0, dflt_value, pk > 0, lower(type) = 'integer' "
                    + "FROM pragma_table_info(?) ORDER BY cid";
        };
        List<ActualColumn> columns = new ArrayList<>();
        read(query, exactTable, row -> columns.add(new ActualColumn(row.getString(1),
                row.getString(2).toLowerCase(Locale.ROOT).strip(), row.getBoolean(3), row.getString(4), row.getBoolean(5),
                row.getBoolean(6))));
        if (dialect == Dialect.SQLITE) {
            boolean singleKey = columns.stream().filter(ActualColumn::primaryKey).count() == 1;
            // a rowid alias never holds NULL (a NULL inserted is numbered), declared NOT NULL or not
            columns.replaceAll(c -> {
                boolean rowid = c.identity() && c.primaryKey() && singleKey;
                return new ActualColumn(c.name(), c.type(), c.nullable() && !rowid, c.defaultExpression(), c.primaryKey(), rowid);
            });
        }
        return columns;
    }

    @FunctionalInterface
    interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    /** Runs a read-only query of the target, bounded by the attempt's deadline and stopped with the attempt. */
    void read(String query, String parameter, RowReader reader) throws SQLException, ChangeFailure {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            deadline.run(statement, () -> {
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        reader.read(rows);
                    }
                }
                return null;
            });
        }
    }
}
