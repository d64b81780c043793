package io.hybridlicense.platform.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tests' own proof that two databases hold the same rows: per module table, its row count and the MD5
 * of all its rows' text in sorted order. Computed independently of the backup's own fingerprints.
 */
final class TableDigests {

    private TableDigests() {
    }

    static Map<String, String> of(Connection connection) throws SQLException {
        List<String[]> tables = new ArrayList<>();
        try (PreparedStatement list = connection.prepareStatement("SELECT table_schema, table_name FROM information_schema.tables "
                + "WHERE table_type = 'BASE TABLE' AND table_schema IN ('auth', 'license', 'admin', 'schemasync', 'webhooks')")) {
            try (ResultSet rows = list.executeQuery()) {
                while (rows.next()) {
                    tables.add(new String[] {rows.getString(1), rows.getString(2)});
                }
            }
        }
        Map<String, String> digests = new TreeMap<>();
        for (String[] table : tables) {
            String quoted = quote(connection, table[0]) + "." + quote(connection, table[1]);
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT count(*) || ':' || COALESCE(md5(string_agg(t::text, E'\\n' "
                         + "ORDER BY t::text)), '-') FROM " + quoted + " t")) {
                row.next();
                digests.put(table[0] + "." + table[1], row.getString(1));
            }
        }
        return digests;
    }

    static long rows(Map<String, String> digests) {
        return digests.values().stream().mapToLong(digest -> Long.parseLong(digest.substring(0, digest.indexOf(':')))).sum();
    }

    private static String quote(Connection connection, String identifier) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT quote_ident(?)")) {
            statement.setString(1, identifier);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }
}
