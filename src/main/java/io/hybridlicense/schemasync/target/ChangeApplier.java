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
        try {
            connection = pool.borrow(target);
            boolean transactional = target.dialect().hasTransactionalDdl();
            connection.setAutoCommit(!transactional);
            if (!transactional) {
                serverSession = boundServerSideWaits(connection, context.deadline());
            }
            TargetCatalog catalog = new TargetCatalog(connection, target.dialect(), context.deadline());
            boolean ran = false;
            // the steps of a reshape one after the other: each is planned on the catalogue as the ones before left it
            for (SchemaChange.Step step : steps(change, context.before())) {
                List<String> statements = new ChangePlan(catalog, target.dialect(), context.before(step.before()))
                        .statements(step.change());
                for (String ddl : statements) {
                    try (Statement statement = connection.createStatement()) {
                        statement.setQueryTimeout(context.deadline().statementSeconds());
                        ddlStarted = true;
                        if (SqliteRebuild.isCheck(ddl)) {
                            SqliteRebuild.requireNoViolation(statement, ddl);
                            continue;
                        }
                        if (ExactValues.isCheck(ddl)) {
                            ExactValues.requireNone(statement, ddl);
                            continue;
                        }
                        statement.execute(ddl);
                    }
                }
                ran |= !statements.isEmpty();
            }
            if (transactional) {
                connection.commit();
            }
            pool.giveBack(target, connection);
            return !ran;
        } catch (SQLException | RuntimeException e) {
            discard(connection);
            ChangeFailure failure = ChangeFailure.of(e);
            if (ddlStarted && !failure.permanent() && !target.dialect().hasTransactionalDdl()
                    && appliedAfterAll(target, change, context, serverSession)) {
                return false;
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
     * statement we gave up on can be stopped. The session's {@code sql_mode} is ours, whatever the
     * server's: strict for every engine (the driver's {@code STRICT_TRANS_TABLES} leaves MyISAM and Aria
     * lenient), so that a conversion that would cut or zero a value is an error instead of a warning,
     * and without modes that change how our statements read ({@code ANSI_QUOTES}, {@code NO_BACKSLASH_ESCAPES}).
     */
    private static Long boundServerSideWaits(Connection connection, AttemptDeadline deadline) throws SQLException, ChangeFailure {
        try (Statement statement = connection.createStatement()) {
            int seconds = deadline.statementSeconds();
            statement.setQueryTimeout(seconds);
            statement.execute("SET SESSION lock_wait_timeout = " + seconds);
            statement.execute("SET SESSION sql_mode = '" + DDL_SQL_MODE + "'");
            try (ResultSet id = statement.executeQuery("SELECT CONNECTION_ID()")) {
                return id.next() ? id.getLong(1) : null;
            }
        }
    }

    /**
     * A non-transactional DDL statement failed without the database's verdict (timeout, lost
     * connection): it may still run, or have run, on the server. Stop it, then let the catalogue say
     * whether the change is there before deciding; a retry would otherwise race the statement.
     */
    private boolean appliedAfterAll(TargetSpec target, SchemaChange change, Context context, Long serverSession) {
        AttemptDeadline recheck = AttemptDeadline.in(connector.statementTimeout(), connector.statementTimeout());
        try (Connection fresh = connector.open(target)) {
            if (serverSession != null) {
                try (Statement kill = fresh.createStatement()) {
                    kill.setQueryTimeout(recheck.statementSeconds());
                    kill.execute("KILL QUERY " + serverSession);
                } catch (SQLException alreadyGone) {
                    LOG.debugf("KILL QUERY %d: %s", serverSession, alreadyGone.getMessage());
                }
            }
            TargetCatalog catalog = new TargetCatalog(fresh, target.dialect(), recheck);
            for (SchemaChange.Step step : steps(change, context.before())) {
                Context again = new Context(step.before(), true, recheck);
                if (!new ChangePlan(catalog, target.dialect(), again).statements(step.change()).isEmpty()) {
                    return false;
                }
            }
            return true;
        } catch (SQLException | RuntimeException | ChangeFailure recheckFailed) {
            LOG.debugf(recheckFailed, "Catalogue re-read after an unfinished DDL statement failed");
            return false;
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
