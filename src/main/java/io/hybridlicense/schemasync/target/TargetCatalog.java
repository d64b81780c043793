package io.hybridlicense.schemasync.target;

import io.hybridlicense.schemasync.domain.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads a user's database's own catalogue: which tables and columns exist right now. */
final class TargetCatalog {

    private final Connection connection;
    private final Dialect dialect;
    private final int timeoutSeconds;

    TargetCatalog(Connection connection, Dialect dialect, int timeoutSeconds) {
        this.connection = connection;
        this.dialect = dialect;
        this.timeoutSeconds = timeoutSeconds;
    }

    boolean tableExists(String table) throws SQLException {
        String query = switch (dialect) {
            case POSTGRESQL -> "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?";
            case MARIADB, MYSQL -> "SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?";
            case SQLITE -> "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?";
        };
        return !strings(query, table).isEmpty();
    }

    /** The column names of a table, empty when it does not exist. */
    List<String> columns(String table) throws SQLException {
        String query = switch (dialect) {
            case POSTGRESQL -> "SELECT column_name FROM information_schema.columns "
                    + "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position";
            case MARIADB, MYSQL -> "SELECT column_name FROM information_schema.columns "
                    + "WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position";
            case SQLITE -> "SELECT name FROM pragma_table_info(?) ORDER BY cid";
        };
        return strings(query, table);
    }

    boolean hasColumn(String table, String column) throws SQLException {
        return columns(table).stream().anyMatch(c -> c.equalsIgnoreCase(column));
    }

    private List<String> strings(String query, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setString(1, parameter);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
