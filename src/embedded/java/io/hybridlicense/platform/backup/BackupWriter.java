package io.hybridlicense.platform.backup;

import io.hybridlicense.shared.PrivateFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.flywaydb.core.api.MigrationVersion;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes one consistent backup of the core database: every module table copied out ({@code COPY … TO
 * STDOUT}, gzip) inside one read-only REPEATABLE READ transaction, so all tables show the same moment
 * however long the copy takes and however much is written meanwhile, with the schema version and each
 * table's fingerprint in the manifest. The backup appears under its final name only once complete. Backups hold
 * password hashes and encrypted credentials: every directory and file is owner-only from its creation.
 */
public final class BackupWriter {

    static final String PREFIX = "hl-backup-";
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String historyTable;

    /** @param historyTable Flyway's history table ({@code quarkus.flyway.table}), on the owner's search path */
    public BackupWriter(String historyTable) {
        this.historyTable = historyTable;
    }

    /** @param owner a connection of the role that owns the schemas (it can read every table) */
    public Path write(Connection owner, Path backups, Instant now) throws SQLException, IOException {
        PrivateFiles.createDirectories(backups);
        Path target = backups.resolve(PREFIX + STAMP.format(now.truncatedTo(ChronoUnit.SECONDS)));
        Path partial = backups.resolve(target.getFileName() + ".partial");
        if (Files.exists(target)) {
            throw new IllegalStateException(target + " exists already");
        }
        deleteTree(partial);
        PrivateFiles.createDirectories(partial);
        boolean autoCommit = owner.getAutoCommit();
        owner.setAutoCommit(false);
        try {
            try (Statement statement = owner.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            CopyManager copy = owner.unwrap(PGConnection.class).getCopyAPI();
            Map<CoreTables.Name, BackupManifest.Table> tables = new LinkedHashMap<>();
            for (CoreTables.Name table : CoreTables.tables(owner)) {
                String sha256 = copyOut(copy, table, partial.resolve(BackupManifest.fileOf(table)));
                tables.put(table, new BackupManifest.Table(CoreTables.fingerprint(owner, table), sha256));
            }
            Map<CoreTables.Name, BackupManifest.Sequence> sequences = new LinkedHashMap<>();
            for (CoreTables.Name sequence : CoreTables.sequences(owner)) {
                Object[] state = CoreTables.sequenceState(owner, sequence);
                sequences.put(sequence, new BackupManifest.Sequence((Long) state[0], (Boolean) state[1]));
            }
            new BackupManifest(BackupManifest.FORMAT, now, schemaVersion(owner), tables, sequences).write(partial);
            owner.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            owner.rollback();
            deleteTree(partial);
            throw e;
        } finally {
            owner.setAutoCommit(autoCommit);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private static String copyOut(CopyManager copy, CoreTables.Name table, Path file) throws SQLException, IOException {
        MessageDigest sha256 = sha256();
        try (OutputStream out = new GZIPOutputStream(new DigestOutputStream(PrivateFiles.newFile(file), sha256), 64 * 1024)) {
            copy.copyOut("COPY " + table.sql() + " TO STDOUT", out);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The newest version applied successfully, compared as Flyway compares versions. */
    private String schemaVersion(Connection owner) throws SQLException {
        MigrationVersion newest = null;
        try (Statement statement = owner.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version FROM "
                     + DSL.using(SQLDialect.POSTGRES).render(DSL.name(historyTable)) + " WHERE success AND version IS NOT NULL")) {
            while (rows.next()) {
                MigrationVersion version = MigrationVersion.fromVersion(rows.getString(1));
                newest = newest == null || version.isNewerThan(newest.getVersion()) ? version : newest;
            }
        }
        if (newest == null) {
            throw new IllegalStateException("The database has no applied migration: nothing to back up");
        }
        return newest.getVersion();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
