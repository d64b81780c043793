package io.hybridlicense.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A PostgreSQL of a test's own that it can stop and start again, as a database restart or failover
 * does: the same port and data directory, so that clients reconnect to the same address and find their
 * data. Stopping is PostgreSQL's "fast" shutdown: every open connection is cut.
 */
public final class RestartablePostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres running;

    private RestartablePostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** Starts a new PostgreSQL in {@code dataDirectory} (emptied first) on a free port. */
    public static RestartablePostgres startFresh(Path dataDirectory) throws IOException {
        RestartablePostgres postgres = new RestartablePostgres(dataDirectory.toAbsolutePath(), freePort());
        deleteRecursively(postgres.dataDirectory);
        postgres.start();
        return postgres;
    }

    public synchronized void start() throws IOException {
        if (running == null) {
            running = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                    .setPort(port).start();
        }
    }

    public synchronized void stop() throws IOException {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** A connection to the {@code postgres} database as the superuser. */
    public synchronized Connection superuser() throws SQLException {
        return running.getPostgresDatabase().getConnection();
    }

    /** A connection to {@code database} as the superuser. */
    public synchronized Connection superuser(String database) throws SQLException {
        return running.getDatabase("postgres", database).getConnection();
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (java.nio.file.Files.exists(directory)) {
            try (var paths = java.nio.file.Files.walk(directory)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(path);
                }
            }
        }
    }
}
