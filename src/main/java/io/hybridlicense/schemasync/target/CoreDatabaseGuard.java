package io.hybridlicense.schemasync.target;

import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * Refuses a PostgreSQL connection that reached this server's own (core) database, under whatever
 * alias: another host name, address, port forward or proxy. The cluster's {@code system_identifier}
 * plus the database name identifies it; every role may call {@code pg_control_system()} by default, and
 * where an administrator revoked that, the core's marker table (visible in {@code pg_class} to every
 * role, whatever its privileges) still gives it away.
 */
public final class CoreDatabaseGuard {

    /** What identifies a PostgreSQL database; {@code systemIdentifier} is null when the role may not read it. */
    public record Identity(String database, String systemIdentifier, boolean coreMarker) {

        boolean isSameDatabaseAs(Identity other) {
            return systemIdentifier != null && systemIdentifier.equals(other.systemIdentifier)
                    && database.equals(other.database);
        }
    }

    private static final String IDENTITY = "SELECT current_database(), "
            + "CASE WHEN has_function_privilege('pg_catalog.pg_control_system()', 'EXECUTE') "
            + "THEN (SELECT system_identifier::text FROM pg_catalog.pg_control_system()) END, "
            + "EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE n.nspname = 'schemasync' AND c.relname = 'outbox')";

    private final Identity core;

    /** @param core the identity of this server's own database, read once through its own data source */
    public CoreDatabaseGuard(Identity core) {
        this.core = Objects.requireNonNull(core);
    }

    /** Reads a PostgreSQL connection's identity; fails (rather than guessing) when the query fails. */
    public static Identity identify(Connection connection, int timeoutSeconds) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            try (ResultSet row = statement.executeQuery(IDENTITY)) {
                row.next();
                return new Identity(row.getString(1), row.getString(2), row.getBoolean(3));
            }
        }
    }

    /** @throws ProblemException {@code core-database} when the connection is to this server's own database */
    void requireNotCore(Connection connection, int timeoutSeconds) throws SQLException {
        Identity target = identify(connection, timeoutSeconds);
        if (target.isSameDatabaseAs(core) || target.coreMarker()) {
            throw refusal();
        }
    }

    public static ProblemException refusal() {
        return new ProblemException(Problem.of(400, "core-database", "Bad Request",
                "This server's own database cannot be a data source"));
    }
}
