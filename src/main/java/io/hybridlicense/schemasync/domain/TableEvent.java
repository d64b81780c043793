package io.hybridlicense.schemasync.domain;

import java.util.List;
import java.util.UUID;

/**
 * The facts of one table's life, stored in order in its event stream. Requests carry the change
 * version they introduce; outcomes name the change version they settle.
 */
public sealed interface TableEvent {

    /** The change version this event requests or settles (for drift events: the version they were found at). */
    int change();

    /** Whether this event queues DDL for the user's database (an outbox row is written with it). */
    default boolean queuesDdl() {
        return false;
    }

    /** The first event of every stream. */
    record TableCreationRequested(int change, UUID datasourceId, String name, List<ColumnDefinition> columns)
            implements TableEvent {
        @Override
        public boolean queuesDdl() {
            return true;
        }
    }

    record ColumnAdditionRequested(int change, ColumnDefinition column) implements TableEvent {
        @Override
        public boolean queuesDdl() {
            return true;
        }
    }

    /** {@code after} is the whole column after the change, possibly under a new name. */
    record ColumnAlterationRequested(int change, String column, ColumnDefinition after) implements TableEvent {
        @Override
        public boolean queuesDdl() {
            return true;
        }
    }

    record ColumnDropRequested(int change, String column) implements TableEvent {
        @Override
        public boolean queuesDdl() {
            return true;
        }
    }

    record TableRenameRequested(int change, String newName) implements TableEvent {
        @Override
        public boolean queuesDdl() {
            return true;
        }
    }

    record TableDropRequested(int change) implements TableEvent {
        @Override
        public boolean queuesDdl() {
            return true;
        }
    }

    /** The user's database has the change; {@code alreadyApplied} when introspection found it done. */
    record ChangeConfirmed(int change, boolean alreadyApplied) implements TableEvent {
    }

    /** The change will not be applied; the model returns to its last confirmed state. */
    record ChangeRejected(int change, String reason, String detail) implements TableEvent {
    }

    /**
     * The first event of a stream for a table that already existed in the user's database: its shape,
     * read from the catalogue, is the confirmed one at once (no DDL).
     */
    record TableImported(int change, UUID datasourceId, String name, List<ColumnDefinition> columns) implements TableEvent {
    }

    /** The user's database no longer matches the confirmed model; changes are refused until it is reconciled. */
    record DriftDetected(int change, List<Drift> differences) implements TableEvent {
    }

    /** The user's database matches the model again (put back by hand). */
    record DriftCleared(int change) implements TableEvent {
    }

    /**
     * Reconcile by adopting: the database's actual shape becomes the confirmed model, as a new version
     * (no DDL). {@code exists} is false when the table is gone from the database.
     */
    record DriftAdopted(int change, String name, List<ColumnDefinition> columns, boolean exists) implements TableEvent {
    }

    /**
     * Reconcile by applying: queues the DDL that brings the database from the shape it was found in
     * ({@code actualName}, {@code actualColumns}, {@code actualExists}) back to the model.
     */
    record ReconcileRequested(int change, String actualName, List<ColumnDefinition> actualColumns, boolean actualExists)
            implements TableEvent {
        @Override
        public boolean queuesDdl() {
            return true;
        }
    }

    /** Queues, as one change, what brings the table back to its shape at {@code toVersion} ({@code name}, {@code columns}). */
    record RevertRequested(int change, int toVersion, String name, List<ColumnDefinition> columns) implements TableEvent {
        @Override
        public boolean queuesDdl() {
            return true;
        }
    }
}
