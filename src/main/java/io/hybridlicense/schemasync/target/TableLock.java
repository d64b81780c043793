package io.hybridlicense.schemasync.target;

import io.hybridlicense.schemasync.domain.Dialect;
import io.hybridlicense.schemasync.domain.SchemaChange;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A lock on the user's database, per table an attempt changes, taken before its catalogue check and
 * held until its DDL is committed (or rolled back). Leases decide which server records an outcome; they
 * cannot stop a server that lost its lease (paused, cut off from the core database, past its deadline)
 * from still running DDL. This lock makes that harmless: a second attempt at the same table reads the
 * catalogue only once the first one has ended on the database, so it sees what that one did.
 *
 * <ul>
 *   <li>PostgreSQL: {@code pg_advisory_xact_lock} on a 64-bit hash of the table name, in the attempt's
 *       transaction; the database releases it at commit, rollback or the end of the session.</li>
 *   <li>MariaDB/MySQL: {@code GET_LOCK} on a name derived from the database and table, waited for at most
 *       the statement's time; released after the DDL, or by the server when the session ends.</li>
 *   <li>SQLite: the attempt's transaction begins {@code IMMEDIATE}, taking the database's write lock before
 *       the catalogue is read (SQLite's busy timeout bounds the wait).</li>
 * </ul>
 * Names are compared in lower case (over-locking {@code "Mixed"} with {@code mixed} costs nothing) and
 * locked in sorted order, so two attempts never wait for each other in a circle.
 */
final class TableLock {

    private static final String MARIADB_LOCK_NAME = "CONCAT('hl-schemasync/', LEFT(SHA2(CONCAT(DATABASE(), '/', ?), 256), 40))";

    private final Dialect dialect;
    private final List<String> tables;

    private TableLock(Dialect dialect, List<String> tables) {
        this.dialect = dialect;
        this.tables = tables;
    }

    /** The lock of every table name a change (each step of it) acts on. */
    static TableLock of(Dialect dialect, List<SchemaChange.Step> steps) {
        TreeSet<String> names = new TreeSet<>();
        for (SchemaChange.Step step : steps) {
            names.add(step.change().table().toLowerCase(Locale.ROOT));
            if (step.change() instanceof SchemaChange.RenameTable rename) {
                names.add(rename.newName().toLowerCase(Locale.ROOT));
            }
        }
        return new TableLock(dialect, List.copyOf(names));
    }

    /**
     * Begins the attempt on a connection: its transaction where DDL is transactional, then the lock,
     * waiting at most the statement's time for an attempt that holds it.
     *
     * @throws ChangeFailure {@code target-busy} (transient) when another attempt kept it for that long
     */
    void take(Connection connection, AttemptDeadline deadline) throws SQLException, ChangeFailure {
        switch (dialect) {
            case POSTGRESQL -> {
                connection.setAutoCommit(false);
                for (String table : tables) {
                    advisoryLock(connection, deadline, table);
                }
            }
            case MARIADB, MYSQL -> {
                connection.setAutoCommit(true);
                for (String table : tables) {
                    userLock(connection, deadline, table);
                }
            }
            case SQLITE -> {
                connection.unwrap(org.sqlite.SQLiteConnection.class).getConnectionConfig()
                        .setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
                try {
                    connection.setAutoCommit(false); // the driver begins the transaction here, waiting up to the busy timeout
                } catch (SQLException e) {
                    throw busyOrFailure(String.join("', '", tables), e);
                }
            }
        }
    }

    /** Commits the attempt's transaction where DDL is transactional, and releases the lock. */
    void commitAndRelease(Connection connection, AttemptDeadline deadline) throws SQLException, ChangeFailure {
        if (dialect.hasTransactionalDdl()) {
            // commits (JDBC), and leaves no transaction open on a pooled connection: SQLite's driver would begin the next at once
            connection.setAutoCommit(true);
            return;
        }
        for (String table : tables) {
            try (PreparedStatement release = connection.prepareStatement("SELECT RELEASE_LOCK(" + MARIADB_LOCK_NAME + ")")) {
                release.setString(1, table);
                deadline.run(release, release::execute);
            }
        }
    }

    private static void advisoryLock(Connection connection, AttemptDeadline deadline, String table)
            throws SQLException, ChangeFailure {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, key(table));
            deadline.run(lock, lock::execute);
        } catch (SQLException e) {
            throw busyOrFailure(table, e);
        }
    }

    private static void userLock(Connection connection, AttemptDeadline deadline, String table) throws SQLException, ChangeFailure {
        try (PreparedStatement lock = connection.prepareStatement("SELECT GET_LOCK(" + MARIADB_LOCK_NAME + ", ?)")) {
            lock.setString(1, table);
            lock.setInt(2, deadline.statementSeconds());
            boolean taken = deadline.run(lock, () -> {
                try (ResultSet row = lock.executeQuery()) {
                    return row.next() && row.getInt(1) == 1; // 0 after GET_LOCK's own timeout
                }
            });
            if (!taken) {
                throw busy(table, null);
            }
        } catch (SQLException e) {
            throw busyOrFailure(table, e);
        }
    }

    /** A lock not taken in time is another attempt still at work; any other failure is what the database said. */
    private static ChangeFailure busyOrFailure(String table, SQLException e) {
        ChangeFailure failure = ChangeFailure.of(e);
        return failure.permanent() ? failure : busy(table, e);
    }

    private static ChangeFailure busy(String table, SQLException cause) {
        return ChangeFailure.transientFailure(ChangeFailure.TARGET_BUSY, "Another attempt at table '" + table
                + "' still runs on the database; retrying once it has ended" + (cause == null ? "" : " ("
                + FailureClassifier.describe(cause) + ")"), cause);
    }

    /** A stable 64-bit key: the first 8 bytes of SHA-256 over a prefix and the name (no collision with users' small numbers). */
    static long key(String table) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("hybrid-license/schemasync/table/" + table).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
