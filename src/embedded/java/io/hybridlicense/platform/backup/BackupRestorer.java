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
 * Restores a backup of {@link BackupWriter} into a core database by building a fresh one beside it: the
 * schema is built by the migrations up to the backup's version (later ones run when the application starts
 * on it), then every table is loaded as it was, triggers and foreign-key checks off (the rows were consistent
 * when copied, and the append-only audit log's guards must not refuse its own history), and proven identical
 * by its fingerprint. Only then does the fresh database take the place of the old one (two renames in one
 * transaction), and the old one is dropped: a restore that fails at any step leaves the previous data as it
 * was. A backup from a newer schema than this version knows is refused, as is a database that already holds
 * data unless it is to be replaced ({@code wipe}).
 */
public final class BackupRestorer {

    private static final Logger LOG = Logger.getLogger(BackupRestorer.class);
    /** Where the databases are created, renamed and dropped from: never one of them. */
    private static final String MAINTENANCE_DATABASE = "template1";

    private final PostgresServer server;

    public BackupRestorer(PostgresServer server) {
        this.server = server;
    }

    /**
     * @param database the core database to replace; nobody may be connected to it
     * @param wipe     replace a database that holds data, instead of refusing it
     */
    public void restore(Path backup, String database, boolean wipe) throws SQLException, IOException {
        BackupManifest manifest = BackupManifest.read(backup);
        verifyFiles(backup, manifest);
        MigrationVersion version = MigrationVersion.fromVersion(manifest.schemaVersion());
        FlywayMigrations migrations = server.migrations(database);
        MigrationVersion newest = migrations.newestKnown();
        if (version.isNewerThan(newest.getVersion())) {
            throw new RefusedException("The backup is of schema version " + version + ", newer than this application's "
                    + newest + ": restore it with the version that made it (or a newer one)");
        }
        if (!wipe) {
            try (Connection current = server.connect(database)) {
                refuseIfNotEmpty(current, migrations.historyTable());
            }
        }
        String fresh = sibling(database, "restoring");
        String replaced = sibling(database, "replaced");
        try (Connection maintenance = server.connect(MAINTENANCE_DATABASE)) {
            maintenance.setAutoCommit(true);
            // left by a restore that was interrupted
            drop(maintenance, fresh);
            drop(maintenance, replaced);
            createLike(maintenance, fresh, database);
            try {
                server.migrations(fresh).migrateTo(version);
                try (Connection owner = server.connect(fresh)) {
                    List<CoreTables.Name> tables = CoreTables.tables(owner);
                    if (!tables.equals(new ArrayList<>(manifest.tables().keySet()))) {
                        throw new RefusedException("The migrations up to " + version + " create other tables than the "
                                + "backup holds: " + tables + " against " + manifest.tables().keySet());
                    }
                    load(backup, owner, manifest);
                }
                swap(maintenance, database, fresh, replaced);
            } catch (SQLException | IOException | RuntimeException e) {
                dropAfterFailure(maintenance, fresh, e);
                throw e;
            }
            drop(maintenance, replaced);
        }
        LOG.infof("Restored %d tables (%d rows) of schema version %s from %s", manifest.tables().size(),
                manifest.tables().values().stream().mapToLong(table -> table.fingerprint().rows()).sum(), version, backup);
    }

    /** The fresh database takes the old one's name in one transaction: a failure leaves both as they were. */
    private static void swap(Connection maintenance, String database, String fresh, String replaced) throws SQLException {
        maintenance.setAutoCommit(false);
        try (Statement statement = maintenance.createStatement()) {
            statement.execute("ALTER DATABASE " + quoted(database) + " RENAME TO " + quoted(replaced));
            statement.execute("ALTER DATABASE " + quoted(fresh) + " RENAME TO " + quoted(database));
            maintenance.commit();
        } catch (SQLException e) {
            maintenance.rollback();
            throw new RefusedException("Could not put the restored database in the place of " + database
                    + " (is a server still connected to it?): " + e.getMessage() + "; nothing was changed");
        } finally {
            maintenance.setAutoCommit(true);
        }
    }

    /** Same encoding, collation and owner as the database it will replace. */
    private static void createLike(Connection maintenance, String fresh, String database) throws SQLException {
        try (PreparedStatement like = maintenance.prepareStatement("SELECT pg_encoding_to_char(encoding), datcollate, "
                + "datctype, pg_get_userbyid(datdba) FROM pg_database WHERE datname = ?")) {
            like.setString(1, database);
            try (ResultSet row = like.executeQuery(); Statement statement = maintenance.createStatement()) {
                if (!row.next()) {
                    throw new RefusedException("There is no database " + database + " to restore into");
                }
                statement.execute("CREATE DATABASE " + quoted(fresh) + " TEMPLATE template0 ENCODING " + literal(row.getString(1))
                        + " LC_COLLATE " + literal(row.getString(2)) + " LC_CTYPE " + literal(row.getString(3))
                        + " OWNER " + quoted(row.getString(4)));
            }
        }
    }

    private static void drop(Connection maintenance, String database) throws SQLException {
        try (Statement statement = maintenance.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + quoted(database) + " WITH (FORCE)");
        }
    }

    private static void dropAfterFailure(Connection maintenance, String fresh, Exception failure) {
        try {
            drop(maintenance, fresh);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static String sibling(String database, String suffix) {
        String name = database + "_" + suffix;
        if (name.length() > 63) {
            throw new RefusedException("The database name " + database + " is too long to restore beside it");
        }
        return name;
    }

    private static String quoted(String identifier) {
        return DSL.using(SQLDialect.POSTGRES).render(DSL.name(identifier));
    }

    private static String literal(String value) {
        return DSL.using(SQLDialect.POSTGRES).render(DSL.inline(value));
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

    private static void refuseIfNotEmpty(Connection current, String historyTable) throws SQLException {
        try (PreparedStatement statement = current.prepareStatement("SELECT (SELECT count(*) FROM pg_namespace "
                + "WHERE nspname = ANY (?)) > 0 OR to_regclass(?) IS NOT NULL")) {
            statement.setArray(1, current.createArrayOf("text", CoreTables.SCHEMAS.toArray()));
            statement.setString(2, quoted(historyTable));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                if (row.getBoolean(1)) {
                    throw new RefusedException("The database is not empty: restore into an empty one, or pass --wipe to "
                            + "replace it (it is replaced only once the restore has succeeded)");
                }
            }
        }
    }

    /** The restore did not start or changed nothing, for the reason given. */
    public static final class RefusedException extends IllegalStateException {
        public RefusedException(String message) {
            super(message);
        }
    }
}
