package io.hybridlicense.schemasync.target;

import io.hybridlicense.schemasync.domain.Dialect;
import io.hybridlicense.schemasync.domain.SchemaChange;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies one change to a user's database, idempotently: it first asks the database's catalogue
 * whether the change is already there (a previous attempt may have applied it and died before
 * recording the outcome) and then runs only what is missing. On PostgreSQL and SQLite the check and
 * the DDL share one transaction; MariaDB/MySQL commit each DDL statement by themselves, which is why
 * every step is checked or safe to repeat.
 */
public final class ChangeApplier {

    private static final Duration MAX_IDLE = Duration.ofSeconds(30);

    private final TargetConnector connector;
    private final TargetConnectionPool pool;

    public ChangeApplier(TargetConnector connector, int maxIdlePerTarget) {
        this.connector = connector;
        this.pool = new TargetConnectionPool(connector, MAX_IDLE, maxIdlePerTarget);
    }

    /** Closes connections no change has used for a while. */
    public void closeIdleConnections() {
        pool.evictIdle();
    }

    /** @return {@code true} when the database already had the change and nothing was run */
    public boolean apply(TargetSpec target, SchemaChange change) throws ChangeFailure {
        Connection connection = null;
        try {
            connection = pool.borrow(target);
            boolean transactional = target.dialect().hasTransactionalDdl();
            connection.setAutoCommit(!transactional);
            TargetCatalog catalog = new TargetCatalog(connection, target.dialect(), timeoutSeconds());
            List<String> statements = plan(catalog, new DdlRenderer(target.dialect()), change);
            for (String ddl : statements) {
                try (Statement statement = connection.createStatement()) {
                    statement.setQueryTimeout(timeoutSeconds());
                    statement.execute(ddl);
                }
            }
            if (transactional) {
                connection.commit();
            }
            pool.giveBack(target, connection);
            return statements.isEmpty();
        } catch (SQLException | RuntimeException e) {
            if (connection != null) {
                pool.discard(connection);
            }
            throw ChangeFailure.of(e);
        } catch (ChangeFailure permanent) {
            pool.discard(connection);
            throw permanent;
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

    private List<String> plan(TargetCatalog catalog, DdlRenderer ddl, SchemaChange change) throws SQLException, ChangeFailure {
        String table = change.table();
        if (change instanceof SchemaChange.CreateTable create) {
            List<String> existing = catalog.columns(table);
            if (existing.isEmpty() && !catalog.tableExists(table)) {
                return List.of(ddl.createTable(create));
            }
            boolean same = create.columns().stream().allMatch(c -> existing.stream().anyMatch(e -> e.equalsIgnoreCase(c.name())));
            if (same && existing.size() == create.columns().size()) {
                return List.of();
            }
            throw ChangeFailure.permanent("table-exists", "A table named '" + table + "' with other columns already exists");
        }
        requireTable(catalog, change);
        if (change instanceof SchemaChange.AddColumn add) {
            return catalog.hasColumn(table, add.column().name()) ? List.of() : List.of(ddl.addColumn(add));
        }
        if (change instanceof SchemaChange.AlterColumn alter) {
            return planAlter(catalog, ddl, alter);
        }
        if (change instanceof SchemaChange.DropColumn drop) {
            return catalog.hasColumn(table, drop.column()) ? List.of(ddl.dropColumn(drop)) : List.of();
        }
        if (change instanceof SchemaChange.RenameTable rename) {
            return catalog.tableExists(table) ? List.of(ddl.renameTable(rename)) : List.of();
        }
        if (change instanceof SchemaChange.DropTable drop) {
            return catalog.tableExists(table) ? List.of(ddl.dropTable(drop)) : List.of();
        }
        throw new IllegalArgumentException("Unknown change " + change);
    }

    private List<String> planAlter(TargetCatalog catalog, DdlRenderer ddl, SchemaChange.AlterColumn alter)
            throws SQLException, ChangeFailure {
        List<String> statements = new ArrayList<>();
        String table = alter.table();
        String from = alter.before().name();
        String to = alter.after().name();
        boolean hasOld = catalog.hasColumn(table, from);
        if (alter.renames() && !from.equalsIgnoreCase(to) && hasOld) {
            statements.add(ddl.renameColumn(table, from, to));
        } else if (!hasOld && !catalog.hasColumn(table, to)) {
            throw ChangeFailure.permanent("column-missing", "Column '" + from + "' does not exist in '" + table + "'");
        } else if (alter.renames() && from.equalsIgnoreCase(to)) {
            statements.add(ddl.renameColumn(table, from, to));
        }
        // Type, nullability and default are restated, not toggled: running them again changes nothing.
        statements.addAll(ddl.alterInPlace(alter));
        return statements;
    }

    /** Every change but a creation runs against an existing table; a rename may already have happened. */
    private static void requireTable(TargetCatalog catalog, SchemaChange change) throws SQLException, ChangeFailure {
        if (catalog.tableExists(change.table())) {
            return;
        }
        boolean settled = change instanceof SchemaChange.DropTable
                || change instanceof SchemaChange.RenameTable rename && catalog.tableExists(rename.newName());
        if (!settled) {
            throw ChangeFailure.permanent("table-missing", "Table '" + change.table() + "' does not exist");
        }
    }

    private int timeoutSeconds() {
        return (int) Math.max(1, connector.statementTimeout().toSeconds());
    }

}
