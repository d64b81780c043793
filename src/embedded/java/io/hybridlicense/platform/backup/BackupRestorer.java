package io.hybridlicense.platform.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.flywaydb.core.api.MigrationVersion;
import org.jboss.logging.Logger;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Restores a backup of {@link BackupWriter} into an empty core database: the schema is built by the
 * migrations up to the backup's version (later ones run when the application starts on it), then every
 * table is loaded as it was, triggers and foreign-key checks off (the rows were consistent when copied, and
 * the append-only audit log's guards must not refuse its own history), and proven identical by its
 * fingerprint before the one transaction commits. A backup from a newer schema than this version knows is
 * refused, as is a database that already holds data.
 */
public final class BackupRestorer {

    private static final Logger LOG = Logger.getLogger(BackupRestorer.class);

    /** The application's migrations, run as the owner. */
    public interface Migrations {
        /** The newest version this application's migrations reach. */
        MigrationVersion newestKnown();

        void migrateTo(MigrationVersion version);
    }

    private final String historyTable;

    public BackupRestorer(String historyTable) {
        this.historyTable = historyTable;
    }

    /**
     * @param owner a superuser connection (the embedded database's owner): only it may switch triggers off
     * @param wipe  drop the module schemas and the migration history first, instead of refusing a non-empty database
     */
    public void restore(Path backup, Connection owner, Migrations migrations, boolean wipe) throws SQLException, IOException {
        BackupManifest manifest = BackupManifest.read(backup);
        verifyFiles(backup, manifest);
        MigrationVersion version = MigrationVersion.fromVersion(manifest.schemaVersion());
        MigrationVersion newest = migrations.newestKnown();
        if (version.isNewerThan(newest.getVersion())) {
            throw new RefusedException("The backup is of schema version " + version + ", newer than this application's "
                    + newest + ": restore it with the version that made it (or a newer one)");
        }
        owner.setAutoCommit(true);
        if (wipe) {
            wipe(owner);
        } else {
            refuseIfNotEmpty(owner);
        }
        migrations.migrateTo(version);
        List<CoreTables.Name> tables = CoreTables.tables(owner);
        if (!tables.equals(new ArrayList<>(manifest.tables().keySet()))) {
            throw new RefusedException("The migrations up to " + version + " create other tables than the backup holds: "
                    + tables + " against " + manifest.tables().keySet());
        }
        load(backup, owner, manifest);
        LOG.infof("Restored %d tables (%d rows) of schema version %s from %s", tables.size(),
                manifest.tables().values().stream().mapToLong(table -> table.fingerprint().rows()).sum(), version, backup);
    }

    private static void load(Path backup, Connection owner, BackupManifest manifest) throws SQLException, IOException {
        owner.setAutoCommit(false);
        try {
            try (Statement statement = owner.createStatement()) {
                statement.execute("SET LOCAL session_replication_role = replica");
                // rows a migration may have seeded make way for the backed-up ones
                statement.execute("TRUNCATE " + manifest.tables().keySet().stream().map(CoreTables.Name::sql)
                        .collect(Collectors.joining(", ")));
            }
            CopyManager copy = owner.unwrap(PGConnection.class).getCopyAPI();
            for (CoreTables.Name table : manifest.tables().keySet()) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(backup.resolve(BackupManifest.fileOf(table))), 64 * 1024)) {
                    copy.copyIn("COPY " + table.sql() + " FROM STDIN", in);
                }
            }
            for (Map.Entry<CoreTables.Name, BackupManifest.Sequence> sequence : manifest.sequences().entrySet()) {
                try (PreparedStatement setval = owner.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
                    setval.setString(1, sequence.getKey().sql());
                    setval.setLong(2, sequence.getValue().lastValue());
                    setval.setBoolean(3, sequence.getValue().called());
                    setval.execute();
                }
            }
            for (Map.Entry<CoreTables.Name, BackupManifest.Table> table : manifest.tables().entrySet()) {
                CoreTables.Fingerprint restored = CoreTables.fingerprint(owner, table.getKey());
                if (!restored.equals(table.getValue().fingerprint())) {
                    throw new RefusedException(table.getKey() + " differs after the restore (" + restored + " against "
                            + table.getValue().fingerprint() + "): nothing was restored");
                }
            }
            owner.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            owner.rollback();
            throw e;
        } finally {
            owner.setAutoCommit(true);
        }
    }

    private static void verifyFiles(Path backup, BackupManifest manifest) throws IOException {
        for (Map.Entry<CoreTables.Name, BackupManifest.Table> table : manifest.tables().entrySet()) {
            MessageDigest sha256 = BackupWriter.sha256();
            try (InputStream in = new DigestInputStream(Files.newInputStream(backup.resolve(BackupManifest.fileOf(table.getKey()))), sha256)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            if (!HexFormat.of().formatHex(sha256.digest()).equals(table.getValue().sha256())) {
                throw new RefusedException(BackupManifest.fileOf(table.getKey()) + " is damaged (its SHA-256 differs from the manifest's)");
            }
        }
    }

    private void refuseIfNotEmpty(Connection owner) throws SQLException {
        try (PreparedStatement statement = owner.prepareStatement("SELECT (SELECT count(*) FROM pg_namespace "
                + "WHERE nspname = ANY (?)) > 0 OR to_regclass(?) IS NOT NULL")) {
            statement.setArray(1, owner.createArrayOf("text", CoreTables.SCHEMAS.toArray()));
            statement.setString(2, DSL.using(SQLDialect.POSTGRES).render(DSL.name(historyTable)));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                if (row.getBoolean(1)) {
                    throw new RefusedException("The database is not empty: restore into an empty one, or pass --wipe to "
                            + "drop the application's schemas first");
                }
            }
        }
    }

    private void wipe(Connection owner) throws SQLException {
        try (Statement statement = owner.createStatement()) {
            for (String schema : CoreTables.SCHEMAS) {
                statement.execute("DROP SCHEMA IF EXISTS " + DSL.using(SQLDialect.POSTGRES).render(DSL.name(schema)) + " CASCADE");
            }
            statement.execute("DROP TABLE IF EXISTS " + DSL.using(SQLDialect.POSTGRES).render(DSL.name(historyTable)));
        }
    }

    /** The restore did not start or changed nothing, for the reason given. */
    public static final class RefusedException extends IllegalStateException {
        public RefusedException(String message) {
            super(message);
        }
    }
}
