package io.hybridlicense.platform.embedded;

import io.hybridlicense.platform.backup.BackupRestorer;
import io.hybridlicense.platform.EmbeddedCommand;
import io.hybridlicense.platform.backup.PostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code java -jar quarkus-run.jar restore <backup directory> [--wipe]}: restores a backup into the embedded
 * database of {@code HL_DATA_DIR} while the server is stopped (the embedded PostgreSQL's lock on its data
 * directory refuses a second process), as its owner role, then exits; the next start of the server
 * applies the migrations newer than the backup. The backup is restored into a fresh database that replaces
 * the old one only once complete: a failed restore leaves the data as it was. An external PostgreSQL is
 * restored with its own tools.
 */
public final class RestoreCommand implements EmbeddedCommand {

    static final String NAME = "restore";
    /** The embedded default's core database (EmbeddedDatabase's JDBC URL names it). */
    private static final String DATABASE = "postgres";
    private static final String USAGE = "usage: restore <backup directory> [--wipe]   (HL_DATA_DIR names the data directory)";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int run(String... args) {
        List<String> options = List.of(args).subList(1, args.length);
        boolean wipe = options.contains("--wipe");
        List<String> paths = options.stream().filter(option -> !option.startsWith("--")).toList();
        if (paths.size() != 1 || options.stream().anyMatch(option -> option.startsWith("--") && !option.equals("--wipe"))) {
            System.err.println(USAGE);
            return 2;
        }
        if (setting("QUARKUS_DATASOURCE_JDBC_URL", "quarkus.datasource.jdbc.url") != null) {
            System.err.println("QUARKUS_DATASOURCE_JDBC_URL names an external PostgreSQL: restore it with its own tools "
                    + "(pg_restore, PITR; see docs/operations.md). This command restores the embedded database only.");
            return 2;
        }
        Path backup = Path.of(paths.get(0)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(backup.resolve("manifest.properties"))) {
            System.err.println(backup + " holds no backup (no manifest.properties)");
            return 2;
        }
        Path dataDir = Path.of(orDefault(setting("HL_DATA_DIR", "hl.data-dir"), "data")).toAbsolutePath().normalize();
        EmbeddedCredentials credentials = EmbeddedCredentials.loadOrCreate(dataDir);
        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(dataDir.resolve("postgres"), credentials)) {
            PostgresServer server = new PostgresServer("localhost", postgres.getPort(), credentials.ownerUser(),
                    credentials.ownerPassword(), credentials.runtimeUser());
            new BackupRestorer(server).restore(backup, DATABASE, wipe);
            System.out.println("Restored " + backup + " into the embedded database in " + dataDir.resolve("postgres"));
            return 0;
        } catch (BackupRestorer.RefusedException e) {
            System.err.println("Restore refused: " + e.getMessage());
            return 1;
        } catch (IOException | SQLException | RuntimeException e) {
            System.err.println("Restore failed; the database was left as it was: " + e);
            return 1;
        }
    }

    private static String setting(String variable, String property) {
        String value = System.getProperty(property, System.getenv(variable));
        return value == null || value.isBlank() ? null : value;
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
