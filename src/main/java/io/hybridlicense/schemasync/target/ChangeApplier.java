package io.hybridlicense.schemasync.target;

import io.hybridlicense.schemasync.domain.ColumnDefinition;
import io.hybridlicense.schemasync.domain.Dialect;
import io.hybridlicense.schemasync.domain.SchemaChange;
import io.hybridlicense.schemasync.domain.TableShape;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Applies one change to a user's database, idempotently and without ever taking over what is not
 * the model's: it first reads the database's catalogue and runs only what is missing. An object the
 * change would create that is already there is adopted only when its whole definition is the
 * model's; anything else is a {@code target-conflict}, and so is an object to change or drop that is
 * not what the model knows. On PostgreSQL and SQLite the check and the DDL share one transaction;
 * MariaDB/MySQL commit each DDL statement by themselves, which is why every step is checked or safe
 * to repeat, and why the catalogue is read again after a statement the client gave up on.
 */
public final class ChangeApplier {

    private static final Logger LOG = Logger.getLogger(ChangeApplier.class);
    private static final Duration MAX_IDLE = Duration.ofSeconds(30);
    /** MariaDB's default without {@code NO_AUTO_CREATE_USER} (unknown to MySQL 8), strict for every engine. */
    private static final String DDL_SQL_MODE = "STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

    /** What is known about the table before the change and about earlier attempts of it. */
    public record Context(TableShape before, boolean mayHaveRunBefore, AttemptDeadline deadline) {

        Context before(TableShape shape) {
            return new Context(shape, mayHaveRunBefore, deadline);
        }
    }

    private final TargetConnector connector;
    private final TargetConnectionPool pool;

    public ChangeApplier(TargetConnector connector, int maxIdlePerTarget) {
        this.connector = connector;
        this.pool = new TargetConnectionPool(connector, MAX_IDLE, maxIdlePerTarget);
    }

    /**
     * Renders one statement per dialect, so that a server taking over a crashed server's change does
     * not spend its first second loading jOOQ.
     */
    public void warmUp() {
        for (Dialect dialect : Dialect.values()) {
            new DdlRenderer(dialect).createTable(new SchemaChange.CreateTable("warm_up",
                    List.of(new ColumnDefinition("id", "bigint", false, 1, true))));
        }
    }

    /** Closes connections no change has used for a while. */
    public void closeIdleConnections() {
        pool.evictIdle();
    }

    /** @return {@code true} when the database already had the change and nothing was run */
    public boolean apply(TargetSpec target, SchemaChange change, Context context) throws ChangeFailure {
        Connection connection = null;
        Long serverSession = null;
        boolean ddlStarted = false;
        boolean ran = false;
        AttemptDeadline deadline = context.deadline();
        List<SchemaChange.Step> steps = steps(change, context.before());
        TableLock lock = TableLock.of(target.dialect(), steps);
        try {
            connection = pool.borrow(target);
            if (!target.dialect().hasTransactionalDdl()) {
                serverSession = boundServerSideWaits(connection, deadline);
            }
            lock.take(connection, deadline);
            TargetCatalog catalog = new TargetCatalog(connection, target.dialect(), deadline);
            // the steps of a reshape one after the other: each is planned on the catalogue as the ones before left it
            for (SchemaChange.Step step : steps) {
                List<String> statements = new ChangePlan(catalog, target.dialect(), context.before(step.before()))
                        .statements(step.change());
                for (String ddl : statements) {
                    try (Statement statement = connection.createStatement()) {
                        ddlStarted = true;
                        if (SqliteRebuild.isCheck(ddl)) {
                            deadline.run(statement, () -> {
                                SqliteRebuild.requireNoViolation(statement, ddl);
                                return null;
                            });
                            continue;
                        }
                        if (ExactValues.isCheck(ddl)) {
                            deadline.run(statement, () -> {
                                ExactValues.requireNone(statement, ddl);
                                return null;
                            });
                            continue;
                        }
                        deadline.run(statement, () -> statement.execute(ddl));
                        ran = true;
                    }
                }
            }
            deadline.requireLease(); // an attempt that lost its claim commits nothing: another server may be applying the change
            lock.commitAndRelease(connection, deadline);
            pool.giveBack(target, connection);
            return !ran;
        } catch (SQLException | RuntimeException e) {
            discard(connection);
            ChangeFailure failure = ChangeFailure.of(e);
            if (ddlStarted && !failure.permanent() && !target.dialect().hasTransactionalDdl()
                    && appliedAfterAll(target, steps, lock, serverSession, true)) {
                return false;
            }
            if (ddlStarted && failure.permanent() && appliedAfterAll(target, steps, lock, null, context.mayHaveRunBefore())) {
                // the database refused a statement ("already exists", "does not exist") yet shows the change made
                LOG.infof("%s, yet the catalogue shows change made: confirmed", failure.getMessage());
                return target.dialect().hasTransactionalDdl() || !ran;
            }
            throw failure;
        } catch (ChangeFailure failure) {
            discard(connection);
            throw failure;
        }
    }

    /** Reachable? Which server version? */
    public String serverVersion(TargetSpec target) throws ChangeFailure {
        try (Connection connection = connector.open(target)) {
            var meta = connection.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        } catch (SQLException | RuntimeException e) {
            throw ChangeFailure.of(e);
        }
    }

    /**
     * MariaDB/MySQL wait for a metadata lock for a year by default and keep running a statement whose
     * client has gone: bound the server side by the same deadline, and remember the session so that a
     * statement we gave up on can be stopped. A session whose client went quiet (paused, cut off) is
     * ended by the server soon after the longest a kept connection idles, which releases its table locks.
     * The session's {@code sql_mode} is ours, whatever the server's: strict for every engine (the driver's
     * {@code STRICT_TRANS_TABLES} leaves MyISAM and Aria lenient), so that a conversion that would cut or
     * zero a value is an error instead of a warning, and without modes that change how our statements read
     * ({@code ANSI_QUOTES}, {@code NO_BACKSLASH_ESCAPES}).
     */
    private Long boundServerSideWaits(Connection connection, AttemptDeadline deadline) throws SQLException, ChangeFailure {
        try (Statement statement = connection.createStatement()) {
            int seconds = deadline.statementSeconds();
            statement.setQueryTimeout(seconds);
            statement.execute("SET SESSION lock_wait_timeout = " + seconds + ", wait_timeout = "
                    + MAX_IDLE.plus(connector.statementTimeout()).toSeconds());
            statement.execute("SET SESSION sql_mode = '" + DDL_SQL_MODE + "'");
            try (ResultSet id = statement.executeQuery("SELECT CONNECTION_ID()")) {
                return id.next() ? id.getLong(1) : null;
            }
        }
    }

    /**
     * Whether the database has the change, read under the table lock: never beside an attempt still
     * running there (after a lapsed lease), whose DDL the catalogue could not show yet.
     *
     * @throws ChangeFailure when the database cannot say: unreachable, or {@code target-busy} while an
     *                       attempt still holds the table
     */
    public boolean isApplied(TargetSpec target, SchemaChange change, Context context) throws ChangeFailure {
        List<SchemaChange.Step> steps = steps(change, context.before());
        return applied(target, steps, TableLock.of(target.dialect(), steps), context.deadline(), null, context.mayHaveRunBefore());
    }

    /**
     * A DDL statement failed, and the failure alone cannot say whether the change is on the database:
     * a non-transactional statement without the database's verdict (timeout, lost connection) may still
     * run, or have run, on the server; a refusal such as "already exists" or "does not exist" means
     * someone made or removed the object meanwhile. Stop the statement, wait for the table's lock (held
     * until that statement has ended), then let the catalogue decide; a retry would otherwise race the
     * statement, and a rejection would contradict the database.
     */
    private boolean appliedAfterAll(TargetSpec target, List<SchemaChange.Step> steps, TableLock lock, Long serverSession,
                                    boolean mayHaveRunBefore) {
        AttemptDeadline recheck = AttemptDeadline.in(connector.statementTimeout(), connector.statementTimeout());
        try {
            return applied(target, steps, lock, recheck, serverSession, mayHaveRunBefore);
        } catch (ChangeFailure recheckFailed) {
            LOG.debugf(recheckFailed, "Catalogue re-read after an unfinished or refused DDL statement failed");
            return false;
        }
    }

    private boolean applied(TargetSpec target, List<SchemaChange.Step> steps, TableLock lock, AttemptDeadline deadline,
                            Long stopFirst, boolean mayHaveRunBefore) throws ChangeFailure {
        try (Connection fresh = connector.open(target)) {
            if (stopFirst != null) {
                try (Statement kill = fresh.createStatement()) {
                    kill.setQueryTimeout(deadline.statementSeconds());
                    kill.execute("KILL QUERY " + stopFirst);
                } catch (SQLException alreadyGone) {
                    LOG.debugf("KILL QUERY %d: %s", stopFirst, alreadyGone.getMessage());
                }
            }
            lock.take(fresh, deadline);
            TargetCatalog catalog = new TargetCatalog(fresh, target.dialect(), deadline);
            for (SchemaChange.Step step : steps) {
                Context again = new Context(step.before(), mayHaveRunBefore, deadline);
                if (!new ChangePlan(catalog, target.dialect(), again).statements(step.change()).isEmpty()) {
                    return false;
                }
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            throw ChangeFailure.of(e);
        }
    }

    private static List<SchemaChange.Step> steps(SchemaChange change, TableShape before) {
        return change instanceof SchemaChange.Reshape reshape ? reshape.steps() : List.of(new SchemaChange.Step(change, before));
    }

    private void discard(Connection connection) {
        if (connection != null) {
            pool.discard(connection);
        }
    }

    /** The statements a change still needs, from what the catalogue shows. */
    private record ChangePlan(TargetCatalog catalog, Dialect dialect, Context context) {

        List<String> statements(SchemaChange change) throws SQLException, ChangeFailure {
            DdlRenderer ddl = new DdlRenderer(dialect);
            if (change instanceof SchemaChange.CreateTable create) {
                Optional<TargetCatalog.ActualTable> existing = catalog.table(create.table());
                if (existing.isEmpty()) {
                    return List.of(ddl.createTable(create));
                }
                requireModelShape(existing.get(), create.columns(), "already exists with another definition");
                return List.of();
            }
            if (change instanceof SchemaChange.RenameTable rename) {
                return planRename(ddl, rename);
            }
            if (change instanceof SchemaChange.DropTable drop) {
                Optional<TargetCatalog.ActualTable> existing = catalog.table(drop.table());
                if (existing.isEmpty()) {
                    return alreadyGone("Table '" + drop.table() + "'");
                }
                requireModelShape(existing.get(), context.before().columns(), "is not the table the model knows");
                return List.of(ddl.dropTable(drop));
            }
            TargetCatalog.ActualTable table = catalog.table(change.table()).orElseThrow(() ->
                    ChangeFailure.permanent("table-missing", "Table '" + change.table() + "' does not exist"));
            if (change instanceof SchemaChange.AddColumn add) {
                Optional<TargetCatalog.ActualColumn> existing = catalog.column(table, add.column().name());
                if (existing.isEmpty()) {
                    return List.of(ddl.addColumn(add));
                }
                requireModelColumn(add.column(), existing.get(), "already exists with another definition");
                return List.of();
            }
            if (change instanceof SchemaChange.AlterColumn alter && dialect == Dialect.SQLITE && SqliteRebuild.needed(alter)) {
                return new SqliteRebuild(catalog, ddl).statements(table, alter, context.before());
            }
            if (change instanceof SchemaChange.AlterColumn alter) {
                return new AlterPlan(catalog, dialect, ddl).statements(table, alter);
            }
            if (change instanceof SchemaChange.DropColumn drop) {
                Optional<TargetCatalog.ActualColumn> existing = catalog.column(table, drop.column());
                if (existing.isEmpty()) {
                    return alreadyGone("Column '" + drop.column() + "' of '" + drop.table() + "'");
                }
                ColumnDefinition known = context.before().column(drop.column()).orElseThrow();
                requireModelColumn(known, existing.get(), "is not the column the model knows");
                return List.of(ddl.dropColumn(drop));
            }
            throw new IllegalArgumentException("Unknown change " + change);
        }

        private List<String> planRename(DdlRenderer ddl, SchemaChange.RenameTable rename) throws SQLException, ChangeFailure {
            Optional<TargetCatalog.ActualTable> old = catalog.table(rename.table());
            boolean caseOnly = catalog.sameTableName(rename.table(), rename.newName());
            Optional<TargetCatalog.ActualTable> renamed = caseOnly ? old : catalog.table(rename.newName());
            if (old.isPresent() && renamed.isPresent() && !caseOnly) {
                throw ChangeFailure.conflict("Table '" + rename.newName() + "' already exists as " + renamed.get());
            }
            if (old.isPresent()) {
                requireModelShape(old.get(), context.before().columns(), "is not the table the model knows");
                boolean done = caseOnly && old.get().name().equals(rename.newName());
                return done ? List.of() : List.of(ddl.renameTable(rename));
            }
            if (renamed.isPresent() && context.mayHaveRunBefore()) {
                requireModelShape(renamed.get(), context.before().columns(), "already exists with another definition");
                return List.of();
            }
            if (renamed.isPresent()) {
                throw ChangeFailure.conflict("Table '" + rename.newName() + "' already exists as " + renamed.get());
            }
            throw ChangeFailure.permanent("table-missing", "Table '" + rename.table() + "' does not exist");
        }

        /**
         * An object to drop is absent. If an earlier attempt of this change may have run its DDL (and
         * died before recording the outcome), that attempt removed it: confirmed. On the first attempt
         * nothing of ours can have removed it: someone else did, and the model must not pretend it
         * dropped something (see docs/schemasync.md, "idempotency").
         */
        private List<String> alreadyGone(String what) throws ChangeFailure {
            if (context.mayHaveRunBefore()) {
                return List.of();
            }
            throw ChangeFailure.conflict(what + " is already absent: it was removed outside schemasync");
        }

        private void requireModelShape(TargetCatalog.ActualTable actual, List<ColumnDefinition> model, String situation)
                throws ChangeFailure {
            String difference = tableDifference(actual, model);
            if (difference != null) {
                throw ChangeFailure.conflict("Table '" + actual.name() + "' " + situation + " (" + difference + "): " + actual);
            }
        }

        private String tableDifference(TargetCatalog.ActualTable actual, List<ColumnDefinition> model) {
            if (actual.columns().size() != model.size()) {
                return "other columns";
            }
            for (ColumnDefinition column : model) {
                Optional<TargetCatalog.ActualColumn> found = catalog.column(actual, column.name());
                if (found.isEmpty()) {
                    return "other columns";
                }
                String difference = DefinitionMatch.difference(dialect, column, found.get());
                if (difference != null) {
                    return column.name() + ": " + difference;
                }
            }
            return null;
        }

        private void requireModelColumn(ColumnDefinition model, TargetCatalog.ActualColumn actual, String situation)
                throws ChangeFailure {
            String difference = DefinitionMatch.difference(dialect, model, actual);
            if (difference != null) {
                throw ChangeFailure.conflict("Column '" + actual.name() + "' " + situation + " (" + difference + "): " + actual);
            }
        }
    }
}
