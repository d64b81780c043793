package io.hybridlicense.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The first run in a test database that has admins (the test profile's HL_ADMIN_EMAIL): every admin loses
 * the role for the test's duration and gets it back afterwards; admins the test made lose it again.
 */
public final class NoAdmins implements AutoCloseable {

    private final DataSource db;
    private final UUID[] admins;

    private NoAdmins(DataSource db, UUID[] admins) {
        this.db = db;
        this.admins = admins;
    }

    public static NoAdmins begin(DataSource db) {
        List<UUID> admins = new ArrayList<>();
        try (Connection connection = db.getConnection();
             PreparedStatement demote = connection.prepareStatement("UPDATE auth.users SET admin = false WHERE admin RETURNING id");
             ResultSet ids = demote.executeQuery()) {
            while (ids.next()) {
                admins.add(ids.getObject(1, UUID.class));
            }
            connection.createStatement().executeUpdate("DELETE FROM auth.setup_code");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new NoAdmins(db, admins.toArray(UUID[]::new));
    }

    public long count(String sql, Object... parameters) {
        return count(db, sql, parameters);
    }

    /** A count, by plain SQL (arrays of strings as {@code text[]}). */
    public static long count(DataSource db, String sql, Object... parameters) {
        try (Connection connection = db.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i] instanceof String[] texts
                        ? connection.createArrayOf("text", texts) : parameters[i]);
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long adminsNow() {
        return count("SELECT count(*) FROM auth.users WHERE admin");
    }

    @Override
    public void close() {
        try (Connection connection = db.getConnection();
             PreparedStatement restore = connection.prepareStatement(
                     "UPDATE auth.users SET admin = (id = ANY(?)) WHERE admin OR id = ANY(?)")) {
            restore.setArray(1, connection.createArrayOf("uuid", admins));
            restore.setArray(2, connection.createArrayOf("uuid", admins));
            restore.executeUpdate();
            connection.createStatement().executeUpdate("DELETE FROM auth.setup_code");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
