package io.hybridlicense.schemasync.target;

import io.hybridlicense.schemasync.domain.Dialect;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Opens connections to users' databases with bounded connect and socket timeouts. The drivers are
 * instantiated directly instead of looked up through {@code DriverManager}: no class-loader surprises
 * in dev/test mode and nothing for the native image to discover by reflection.
 */
public final class TargetConnector {

    /** Driver options a user may set, per dialect, with the values allowed. */
    public static final Map<Dialect, Map<String, Set<String>>> ALLOWED_OPTIONS = Map.of(
            Dialect.POSTGRESQL, Map.of("sslmode", Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full")),
            Dialect.MARIADB, Map.of("sslMode", Set.of("disable", "trust", "verify-ca", "verify-full")),
            Dialect.MYSQL, Map.of("sslMode", Set.of("disable", "trust", "verify-ca", "verify-full")),
            Dialect.SQLITE, Map.of());

    private static final Pattern HOST = Pattern.compile("^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:]{2,39}$");
    private static final Pattern DATABASE = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_$-]{0,63}$");

    /**
     * SQLite's {@code SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW}: an existing file only (without
     * {@code SQLITE_OPEN_CREATE} a missing one fails with {@code SQLITE_CANTOPEN} instead of becoming a new,
     * empty database), and never a symbolic link.
     */
    private static final int SQLITE_OPEN_EXISTING_NO_SYMLINK = 0x02 | 0x01000000;

    private final Duration connectTimeout;
    private final Duration statementTimeout;
    private final CoreDatabaseGuard coreGuard;

    public TargetConnector(Duration connectTimeout, Duration statementTimeout, CoreDatabaseGuard coreGuard) {
        this.connectTimeout = connectTimeout;
        this.statementTimeout = statementTimeout;
        this.coreGuard = coreGuard;
    }

    public static boolean isValidHost(String host) {
        return host != null && (HOST.matcher(host).matches() || IPV6.matcher(host).matches() && host.contains(":"));
    }

    public static boolean isValidDatabaseName(String database) {
        return database != null && DATABASE.matcher(database).matches();
    }

    public Duration statementTimeout() {
        return statementTimeout;
    }

    /**
     * Opens a connection to the checked address of the spec. A PostgreSQL connection that turns out to
     * be this server's own database is closed before anyone can use it.
     *
     * @throws io.hybridlicense.shared.ProblemException {@code core-database}
     */
    public Connection open(TargetSpec spec) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(spec.options());
        return switch (spec.dialect()) {
            case POSTGRESQL -> {
                credentials(properties, spec);
                properties.setProperty("connectTimeout", Long.toString(seconds(connectTimeout)));
                properties.setProperty("loginTimeout", Long.toString(seconds(connectTimeout)));
                properties.setProperty("socketTimeout", Long.toString(seconds(statementTimeout.plus(connectTimeout))));
                properties.setProperty("ApplicationName", "hybrid-license-schemasync");
                Connection connection = connect(new org.postgresql.Driver(),
                        "jdbc:postgresql://" + hostPort(spec, "verify-full".equals(spec.options().get("sslmode")))
                                + "/" + database(spec), properties);
                yield requireNotCore(connection);
            }
            case MARIADB, MYSQL -> {
                credentials(properties, spec);
                properties.setProperty("connectTimeout", Long.toString(connectTimeout.toMillis()));
                properties.setProperty("socketTimeout", Long.toString(statementTimeout.plus(connectTimeout).toMillis()));
                // a hostile server must not be able to ask us for local files (LOAD DATA LOCAL INFILE)
                properties.setProperty("allowLocalInfile", "false");
                yield connect(new org.mariadb.jdbc.Driver(), "jdbc:mariadb://"
                        + hostPort(spec, "verify-full".equals(spec.options().get("sslMode"))) + "/" + database(spec), properties);
            }
            case SQLITE -> {
                properties.setProperty("busy_timeout", Long.toString(statementTimeout.toMillis()));
                properties.setProperty("open_mode", Integer.toString(SQLITE_OPEN_EXISTING_NO_SYMLINK));
                // the table rebuild (SqliteRebuild) must drop and rename tables without cascading through foreign keys
                properties.setProperty("foreign_keys", "false");
                yield connect(new org.sqlite.JDBC(), "jdbc:sqlite:" + spec.sqliteFile().toAbsolutePath(), properties);
            }
        };
    }

    private static Connection connect(Driver driver, String url, Properties properties) throws SQLException {
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException("The driver refused the address", "08001");
        }
        return connection;
    }

    private static void credentials(Properties properties, TargetSpec spec) {
        properties.setProperty("user", spec.username());
        if (spec.password() != null) {
            properties.setProperty("password", spec.password());
        }
    }

    /**
     * Refuses this server's own database, then bounds the session on the server as well: the driver's
     * query timeout is a timer in this process, which a paused or cut-off process never fires, and an
     * abandoned transaction must not keep its locks (and uncommitted DDL) for longer than a statement.
     */
    private Connection requireNotCore(Connection connection) throws SQLException {
        try {
            coreGuard.requireNotCore(connection, (int) seconds(statementTimeout));
            try (PreparedStatement bound = connection.prepareStatement("SELECT set_config('statement_timeout', ?, false), "
                    + "set_config('idle_in_transaction_session_timeout', ?, false)")) {
                bound.setQueryTimeout((int) seconds(statementTimeout));
                bound.setString(1, Long.toString(statementTimeout.toMillis()));
                bound.setString(2, Long.toString(statementTimeout.plus(connectTimeout).toMillis()));
                bound.execute();
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * The checked address, so that no second DNS answer (rebinding) can redirect the connection. Only
     * {@code verify-full} connects by name: the drivers verify the certificate against the host they
     * were given, and a rebound address could not present a certificate for this name anyway.
     * Validated again here: a URL is built from these parts, so nothing but a host and a port may get in.
     */
    private static String hostPort(TargetSpec spec, boolean verifiesHostName) throws SQLException {
        if (!isValidHost(spec.host()) || spec.port() < 1 || spec.port() > 65535) {
            throw new IllegalArgumentException("Invalid host or port");
        }
        if (spec.address() == null) {
            throw new SQLException("Unknown host", "08001");
        }
        String host = verifiesHostName ? spec.host() : spec.address().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + spec.port();
    }

    private static String database(TargetSpec spec) {
        if (!isValidDatabaseName(spec.database())) {
            throw new IllegalArgumentException("Invalid database name");
        }
        return spec.database();
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
