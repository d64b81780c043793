package io.hybridlicense.schemasync.domain;

import java.util.List;
import java.util.UUID;

/**
 * The facts of one table's life, stored in order in its event stream. Requests carry the change
 * version they introduce; outcomes name the change version they settle.
 */
public sealed interface TableEvent {

    /** The change version this event requests or settles. */
    int change();

    /** The first event of every stream. */
    record TableCreationRequested(int change, UUID datasourceId, String name, List<ColumnDefinition> columns)
            implements TableEvent {
    }

    record ColumnAdditionRequested(int change, ColumnDefinition column) implements TableEvent {
    }

    /** {@code after} is the whole column after the change, possibly under a new name. */
    record ColumnAlterationRequested(int change, String column, ColumnDefinition after) implements TableEvent {
    }

    record ColumnDropRequested(int change, String column) implements TableEvent {
    }

    record TableRenameRequested(int change, String newName) implements TableEvent {
    }

    record TableDropRequested(int change) implements TableEvent {
    }

    /** The user's database has the change; {@code alreadyApplied} when introspection found it done. */
    record ChangeConfirmed(int change, boolean alreadyApplied) implements TableEvent {
    }

    /** The change will not be applied; the model returns to its last confirmed state. */
    record ChangeRejected(int change, String reason, String detail) implements TableEvent {
    }
}
