package io.hybridlicense.platform.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The tables and sequences of the core database's module schemas, as the catalog lists them (so a table
 * added by a later migration is backed up without anyone remembering to), their quoted names, and the
 * fingerprint that proves a restored table identical to the backed-up one.
 */
final class CoreTables {

    /** The module schemas; Flyway's history is not copied: the restore rebuilds it by migrating. */
    static final List<String> SCHEMAS = List.of("auth", "license", "admin", "schemasync");
    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private CoreTables() {
    }

    record Name(String schema, String name) {
        Name {
            if (!SCHEMAS.contains(schema) || !PLAIN_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Not a table of the core database: " + schema + "." + name);
            }
        }

        static Name parse(String qualified) {
            int dot = qualified.indexOf('.');
            if (dot < 0) {
                throw new IllegalArgumentException("Not a qualified name: " + qualified);
            }
            return new Name(qualified.substring(0, dot), qualified.substring(dot + 1));
        }

        /** Quoted by jOOQ, never concatenated from raw text. */
        String sql() {
            return DSL.using(SQLDialect.POSTGRES).render(DSL.name(schema, name));
        }

        @Override
        public String toString() {
            return schema + "." + name;
        }
    }

    /** Row count and an order-independent checksum over every row's text form. */
    record Fingerprint(long rows, String checksum) {
    }

    static List<Name> tables(Connection connection) throws SQLException {
        return names(connection, "r");
    }

    static List<Name> sequences(Connection connection) throws SQLException {
        return names(connection, "S");
    }

    private static List<Name> names(Connection connection, String kind) throws SQLException {
        List<Name> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT n.nspname, c.relname FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = ?::\"char\" AND n.nspname = ANY (?) "
                + "ORDER BY n.nspname, c.relname")) {
            statement.setString(1, kind);
            statement.setArray(2, connection.createArrayOf("text", SCHEMAS.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(new Name(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return names;
    }

    static Fingerprint fingerprint(Connection connection, Name table) throws SQLException {
        // the sum of each row's 64-bit hash: independent of the physical order, which a restore changes
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*), COALESCE(sum(('x' || left(md5(t::text), 16))::bit(64)"
                     + "::bigint::numeric), 0) FROM " + table.sql() + " t")) {
            row.next();
            return new Fingerprint(row.getLong(1), row.getBigDecimal(2).toPlainString());
        }
    }

    /** {@code [last_value, is_called]} of a sequence. */
    static Object[] sequenceState(Connection connection, Name sequence) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT last_value, is_called FROM " + sequence.sql())) {
            row.next();
            return new Object[] {row.getLong(1), row.getBoolean(2)};
        }
    }
}
