package io.hybridlicense.schemasync.domain;

import io.hybridlicense.schemasync.domain.TableEvent.ChangeConfirmed;
import io.hybridlicense.schemasync.domain.TableEvent.ChangeRejected;
import io.hybridlicense.schemasync.domain.TableEvent.ColumnAdditionRequested;
import io.hybridlicense.schemasync.domain.TableEvent.ColumnAlterationRequested;
import io.hybridlicense.schemasync.domain.TableEvent.ColumnDropRequested;
import io.hybridlicense.schemasync.domain.TableEvent.TableCreationRequested;
import io.hybridlicense.schemasync.domain.TableEvent.TableDropRequested;
import io.hybridlicense.schemasync.domain.TableEvent.TableRenameRequested;
import io.hybridlicense.schemasync.domain.TableEvent.DriftAdopted;
import io.hybridlicense.schemasync.domain.TableEvent.DriftCleared;
import io.hybridlicense.schemasync.domain.TableEvent.DriftDetected;
import io.hybridlicense.schemasync.domain.TableEvent.ReconcileRequested;
import io.hybridlicense.schemasync.domain.TableEvent.RevertRequested;
import io.hybridlicense.schemasync.domain.TableEvent.TableImported;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The event-sourced aggregate of one table in a user's database. It keeps two shapes: the confirmed
 * one (what the user's database is known to have) and, on top of it, the requested changes not yet
 * settled, applied in order. Commands check against the latest requested shape and return new events;
 * nothing is changed until the caller applies (and stores) them.
 *
 * <p>Rules: changes settle strictly in version order; a rejected change takes every later pending
 * change with it ({@value #PRECEDING_REJECTED}), so the model falls back to the confirmed shape.
 */
public final class Table {

    public static final String PRECEDING_REJECTED = "preceding-change-rejected";

    /** One requested change not yet confirmed or rejected, and the shape once it is applied. */
    private record Pending(SchemaChange change, TableShape after) {
    }

    private final UUID id;
    private final Dialect dialect;
    private UUID datasourceId;
    private TableShape confirmed = TableShape.ABSENT;
    private final NavigableMap<Integer, Pending> pending = new TreeMap<>();
    private int version;
    private int syncedVersion;
    private int eventCount;
    private boolean everExisted;
    private ChangeRejected lastRejection;
    private List<Drift> drift = List.of();

    private Table(UUID id, Dialect dialect) {
        this.id = id;
        this.dialect = dialect;
    }

    public static Table replay(UUID id, Dialect dialect, List<TableEvent> events) {
        Table table = new Table(id, dialect);
        events.forEach(table::apply);
        return table;
    }

    // ---- commands: each returns the events to append, or throws ChangeRefused

    public List<TableEvent> create(UUID datasource, String name, List<ColumnDefinition> columns) {
        if (eventCount > 0) {
            throw new ChangeRefused(ChangeRefused.Reason.CONFLICT, "The table was already requested");
        }
        NamePolicy.requireValid(name, dialect, "table");
        requireDistinctNames(columns);
        DialectPolicy.checkCreate(dialect, columns);
        return List.of(new TableCreationRequested(version + 1, datasource, name, columns));
    }

    public List<TableEvent> addColumn(ColumnDefinition column) {
        TableShape shape = requireLive();
        if (shape.column(column.name()).isPresent()) {
            throw new ChangeRefused(ChangeRefused.Reason.CONFLICT, "A column of that name already exists");
        }
        DialectPolicy.checkAdd(dialect, column);
        return List.of(new ColumnAdditionRequested(version + 1, column));
    }

    public List<TableEvent> alterColumn(String name, ColumnAlteration alteration) {
        TableShape shape = requireLive();
        ColumnDefinition before = requireColumn(shape, name);
        ColumnDefinition after = before.hasNativeType() ? renameOnly(before, alteration) : alteration.applyTo(before, dialect);
        if (!after.name().equalsIgnoreCase(before.name()) && shape.column(after.name()).isPresent()) {
            throw new ChangeRefused(ChangeRefused.Reason.CONFLICT, "A column of that name already exists");
        }
        if (after.equals(before)) {
            throw new ChangeRefused(ChangeRefused.Reason.INVALID_DEFINITION, "The column already looks like that");
        }
        DialectPolicy.checkAlter(dialect, new SchemaChange.AlterColumn(shape.name(), before, after));
        return List.of(new ColumnAlterationRequested(version + 1, before.name(), after));
    }

    public List<TableEvent> dropColumn(String name) {
        TableShape shape = requireLive();
        DialectPolicy.checkDrop(dialect, shape, requireColumn(shape, name));
        return List.of(new ColumnDropRequested(version + 1, requireColumn(shape, name).name()));
    }

    public List<TableEvent> rename(String newName) {
        TableShape shape = requireLive();
        NamePolicy.requireValid(newName, dialect, "table");
        if (newName.equals(shape.name())) {
            throw new ChangeRefused(ChangeRefused.Reason.INVALID_DEFINITION, "The table already has that name");
        }
        return List.of(new TableRenameRequested(version + 1, newName));
    }

    public List<TableEvent> drop() {
        requireLive();
        return List.of(new TableDropRequested(version + 1));
    }

    /**
     * Takes over a table that already exists in the user's database, as the catalogue shows it: synced
     * at once, no DDL. Its names are the database's own and are not held to {@link NamePolicy}.
     */
    public List<TableEvent> importTable(UUID datasource, String name, List<ColumnDefinition> columns) {
        if (eventCount > 0) {
            throw new ChangeRefused(ChangeRefused.Reason.CONFLICT, "The table is already managed");
        }
        requireDistinctNames(columns);
        return List.of(new TableImported(version + 1, datasource, name, columns));
    }

    /**
     * Records what a comparison with the user's database found, if that is news. A table with changes
     * in flight is not judged (the database is between two shapes of the model).
     *
     * @param differences empty when the database matches the confirmed model
     */
    public List<TableEvent> recordDrift(List<Drift> differences) {
        if (!pending.isEmpty() || eventCount == 0 || differences.equals(drift) || !confirmed.exists() && differences.isEmpty()) {
            return List.of();
        }
        return List.of(differences.isEmpty() ? new DriftCleared(version) : new DriftDetected(version, List.copyOf(differences)));
    }

    /** Reconciles by adopting: the database's actual shape becomes the model, as a new version (no DDL). */
    public List<TableEvent> adopt(TableShape actual) {
        requireSettled();
        if (actual.equals(confirmed) || !actual.exists() && !confirmed.exists()) {
            throw new ChangeRefused(ChangeRefused.Reason.CONFLICT, "The database already matches the model");
        }
        return List.of(new DriftAdopted(version + 1, actual.exists() ? actual.name() : confirmed.name(),
                actual.columns(), actual.exists()));
    }

    /**
     * Reconciles by applying: queues, as one change, the DDL that brings the database from its actual
     * shape back to the model.
     *
     * @throws ChangeRefused {@code DATA_LOSS} naming the columns whose data it would lose, unless allowed
     */
    public List<TableEvent> reconcileByApplying(TableShape actual, boolean allowDataLoss) {
        requireSettled();
        if (!confirmed.exists()) {
            throw new ChangeRefused(ChangeRefused.Reason.CONFLICT, "The table is dropped in the model: adopt instead");
        }
        if (actual.equals(confirmed)) {
            throw new ChangeRefused(ChangeRefused.Reason.CONFLICT, "The database already matches the model");
        }
        requirePossible(ReshapePlan.steps(actual, confirmed), allowDataLoss);
        return List.of(new ReconcileRequested(version + 1, actual.exists() ? actual.name() : confirmed.name(),
                actual.columns(), actual.exists()));
    }

    /**
     * Queues, as one change, what brings the table back to {@code then}, its shape at {@code toVersion}.
     *
     * @throws ChangeRefused {@code DATA_LOSS} naming the columns whose data it would lose, unless allowed
     */
    public List<TableEvent> revert(int toVersion, TableShape then, boolean allowDataLoss) {
        TableShape now = requireLive();
        if (toVersion < 1 || toVersion > version) {
            throw new ChangeRefused(ChangeRefused.Reason.INVALID_DEFINITION, "toVersion must be between 1 and " + version,
                    "toVersion");
        }
        if (!then.exists()) {
            throw new ChangeRefused(ChangeRefused.Reason.UNSUPPORTED, "The table did not exist at version " + toVersion,
                    "toVersion");
        }
        if (then.equals(now)) {
            throw new ChangeRefused(ChangeRefused.Reason.INVALID_DEFINITION, "The table already looks as it did at version "
                    + toVersion, "toVersion");
        }
        if (!then.name().equals(now.name())) {
            NamePolicy.requireValid(then.name(), dialect, "table");
        }
        requirePossible(ReshapePlan.steps(now, then), allowDataLoss);
        return List.of(new RevertRequested(version + 1, toVersion, then.name(), then.columns()));
    }

    private void requirePossible(List<SchemaChange.Step> steps, boolean allowDataLoss) {
        ReshapePlan.check(dialect, steps);
        List<String> losing = ReshapePlan.columnsLosingData(steps);
        if (!losing.isEmpty() && !allowDataLoss) {
            throw ChangeRefused.dataLoss(losing);
        }
    }

    private void requireSettled() {
        if (eventCount == 0) {
            throw new ChangeRefused(ChangeRefused.Reason.CONFLICT, "The table was never created");
        }
        if (!pending.isEmpty()) {
            throw new ChangeRefused(ChangeRefused.Reason.CONFLICT, "Changes are pending; reconcile once they are settled");
        }
    }

    private static ColumnDefinition renameOnly(ColumnDefinition before, ColumnAlteration alteration) {
        if (alteration.type() != null || alteration.nullable() != null || alteration.defaultValue() != null
                || alteration.dropDefault() || alteration.newName() == null) {
            throw new ChangeRefused(ChangeRefused.Reason.UNSUPPORTED, "A column of a native type (" + before.type()
                    + ") can be renamed or dropped, not altered");
        }
        return new ColumnDefinition(alteration.newName(), before.type(), before.nullable(), before.defaultValue(),
                before.primaryKey());
    }

    /** The user's database has the change. Settling a change twice yields nothing (at-least-once delivery). */
    public List<TableEvent> confirm(int change, boolean alreadyApplied) {
        if (!pending.containsKey(change)) {
            return List.of();
        }
        if (pending.firstKey() != change) {
            throw new IllegalStateException("Change " + change + " of " + id + " confirmed before " + pending.firstKey());
        }
        return List.of(new ChangeConfirmed(change, alreadyApplied));
    }

    /** The change failed for good: it and every later pending change are rejected. */
    public List<TableEvent> reject(int change, String reason, String detail) {
        if (!pending.containsKey(change)) {
            return List.of();
        }
        List<TableEvent> events = new ArrayList<>();
        events.add(new ChangeRejected(change, reason, detail));
        for (int later : pending.tailMap(change, false).keySet()) {
            events.add(new ChangeRejected(later, PRECEDING_REJECTED, "Change " + change + " was rejected"));
        }
        return events;
    }

    // ---- state

    public void apply(TableEvent event) {
        eventCount++;
        if (event instanceof TableCreationRequested e) {
            datasourceId = e.datasourceId();
            request(e.change(), new SchemaChange.CreateTable(e.name(), e.columns()),
                    new TableShape(e.name(), e.columns(), true));
        } else if (event instanceof ColumnAdditionRequested e) {
            request(e.change(), new SchemaChange.AddColumn(latest().name(), e.column()), latest().withColumn(e.column()));
        } else if (event instanceof ColumnAlterationRequested e) {
            request(e.change(), new SchemaChange.AlterColumn(latest().name(),
                    latest().column(e.column()).orElseThrow(), e.after()), latest().replacing(e.column(), e.after()));
        } else if (event instanceof ColumnDropRequested e) {
            request(e.change(), new SchemaChange.DropColumn(latest().name(), e.column()), latest().without(e.column()));
        } else if (event instanceof TableRenameRequested e) {
            request(e.change(), new SchemaChange.RenameTable(latest().name(), e.newName()), latest().renamed(e.newName()));
        } else if (event instanceof TableDropRequested e) {
            request(e.change(), new SchemaChange.DropTable(latest().name()), latest().dropped());
        } else if (event instanceof TableImported e) {
            datasourceId = e.datasourceId();
            settleAs(e.change(), new TableShape(e.name(), e.columns(), true));
        } else if (event instanceof DriftDetected e) {
            drift = e.differences();
        } else if (event instanceof DriftCleared) {
            drift = List.of();
        } else if (event instanceof DriftAdopted e) {
            settleAs(e.change(), new TableShape(e.name(), e.columns(), e.exists()));
        } else if (event instanceof ReconcileRequested e) {
            drift = List.of();
            request(e.change(), new SchemaChange.Reshape("reconcile",
                    new TableShape(e.actualName(), e.actualColumns(), e.actualExists()), latest()), latest());
        } else if (event instanceof RevertRequested e) {
            TableShape then = new TableShape(e.name(), e.columns(), true);
            request(e.change(), new SchemaChange.Reshape("revert", latest(), then), then);
        } else if (event instanceof ChangeConfirmed e) {
            confirmed = pending.remove(e.change()).after();
            syncedVersion = e.change();
            everExisted |= confirmed.exists();
            lastRejection = null;
        } else if (event instanceof ChangeRejected e) {
            pending.remove(e.change());
            if (!PRECEDING_REJECTED.equals(e.reason()) || lastRejection == null) {
                lastRejection = e;
            }
        }
    }

    /** A new version that is confirmed as it is recorded: the database already has it. */
    private void settleAs(int change, TableShape shape) {
        version = change;
        syncedVersion = change;
        confirmed = shape;
        everExisted |= shape.exists();
        drift = List.of();
        lastRejection = null;
    }

    private void request(int change, SchemaChange schemaChange, TableShape after) {
        version = change;
        pending.put(change, new Pending(schemaChange, after));
    }

    private TableShape requireLive() {
        TableShape shape = latest();
        if (eventCount == 0 || !shape.exists()) {
            throw new ChangeRefused(ChangeRefused.Reason.CONFLICT, everExisted || !pending.isEmpty()
                    ? "The table is dropped" : "The table was never created");
        }
        if (!drift.isEmpty()) {
            // the executor must never act on a model it knows is wrong
            throw new ChangeRefused(ChangeRefused.Reason.DRIFTED, "The database no longer matches this table's model ("
                    + drift.size() + " difference(s)); reconcile it first (POST .../reconcile, apply or adopt)");
        }
        return shape;
    }

    private static ColumnDefinition requireColumn(TableShape shape, String name) {
        return shape.column(name).orElseThrow(() ->
                new ChangeRefused(ChangeRefused.Reason.NOT_FOUND, "The column does not exist"));
    }

    private static void requireDistinctNames(List<ColumnDefinition> columns) {
        long distinct = columns.stream().map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).distinct().count();
        if (distinct != columns.size()) {
            throw new ChangeRefused(ChangeRefused.Reason.INVALID_DEFINITION, "Column names must be distinct");
        }
    }

    // ---- queries

    public UUID id() {
        return id;
    }

    public UUID datasourceId() {
        return datasourceId;
    }

    /** The shape once every pending change is applied: what the model currently claims to be heading for. */
    public TableShape latest() {
        return pending.isEmpty() ? confirmed : pending.lastEntry().getValue().after();
    }

    public TableShape confirmedShape() {
        return confirmed;
    }

    /** The change a queued version asks for, as it must run against the user's database. */
    public SchemaChange pendingChange(int change) {
        Pending p = pending.get(change);
        if (p == null) {
            throw new IllegalArgumentException("Change " + change + " of " + id + " is not pending");
        }
        return p.change();
    }

    public Map<Integer, SchemaChange> pendingChanges() {
        Map<Integer, SchemaChange> changes = new TreeMap<>();
        pending.forEach((v, p) -> changes.put(v, p.change()));
        return changes;
    }

    /**
     * The names this table holds in its database: the confirmed one, those its pending changes run
     * against, and the latest one. No other table of the same database may use them meanwhile.
     */
    public java.util.Set<String> heldNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        if (confirmed.exists()) {
            names.add(confirmed.name().toLowerCase(java.util.Locale.ROOT));
        }
        pending.values().forEach(p -> {
            names.add(p.change().table().toLowerCase(java.util.Locale.ROOT));
            if (p.after().exists()) {
                names.add(p.after().name().toLowerCase(java.util.Locale.ROOT));
            }
        });
        return names;
    }

    public TableStatus status() {
        if (!pending.isEmpty()) {
            return TableStatus.PENDING;
        }
        if (lastRejection != null) {
            return TableStatus.REJECTED;
        }
        return confirmed.exists() ? TableStatus.SYNCED : TableStatus.DROPPED;
    }

    public int version() {
        return version;
    }

    public int syncedVersion() {
        return syncedVersion;
    }

    /** How many events the stream holds: the expected version for the next append. */
    public int eventCount() {
        return eventCount;
    }

    /** How the user's database was last found to differ from the confirmed model; empty when it matches. */
    public List<Drift> drift() {
        return drift;
    }

    public ChangeRejected lastRejection() {
        return lastRejection;
    }
}
