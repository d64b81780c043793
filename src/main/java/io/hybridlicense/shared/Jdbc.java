package io.hybridlicense.shared;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Plain SQL on our own PostgreSQL, where statements are clearest as SQL (schemasync's optimistic appends
 * and {@code FOR UPDATE SKIP LOCKED} claims, admin's reporting queries): a bean that runs a statement on a
 * connection of its own, and the column readers and parameter binding that code holding its own
 * connection uses too. Connections taken inside a transaction join it. Timestamps are {@code timestamptz}
 * in UTC.
 */
@ApplicationScoped
public class Jdbc {

    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> List<T> list(String sql, Row<T> mapper, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + firstLine(sql), e);
        }
    }

    public <T> Optional<T> one(String sql, Row<T> mapper, Object... parameters) {
        return list(sql, mapper, parameters).stream().findFirst();
    }

    public int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Update failed: " + firstLine(sql), e);
        }
    }

    /**
     * A PostgreSQL array literal for {@code ?::uuid[]} or {@code ?::text[]}: only for UUIDs and validated
     * identifiers, which contain no quotes, commas or braces.
     */
    public static String arrayLiteral(java.util.Collection<?> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static UUID uuid(ResultSet row, String column) throws SQLException {
        return row.getObject(column, UUID.class);
    }

    /**
     * Binds one parameter; an {@link Instant} as a UTC {@code timestamptz}, a {@code UUID[]} or {@code String[]}
     * as a {@code uuid[]} or {@code text[]} array (for set-based writes: {@code unnest(?::uuid[], ?::text[])}).
     */
    public static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof UUID[] ids) {
            statement.setArray(index, statement.getConnection().createArrayOf("uuid", ids));
        } else if (value instanceof String[] texts) {
            statement.setArray(index, statement.getConnection().createArrayOf("text", texts));
        } else {
            statement.setObject(index, value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            bind(statement, i + 1, parameters[i]);
        }
        return statement;
    }

    private static String firstLine(String sql) {
        return sql.strip().lines().findFirst().orElse("");
    }
}
