package io.hybridlicense.schemasync;

import io.hybridlicense.schemasync.domain.ColumnDefinition;
import io.hybridlicense.schemasync.domain.TableEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types Jackson reads and writes that Quarkus cannot discover from REST signatures: the stored events
 * (and their nested column definitions), registered for the native image.
 */
@RegisterForReflection(targets = {
        TableEvent.TableCreationRequested.class, TableEvent.ColumnAdditionRequested.class,
        TableEvent.ColumnAlterationRequested.class, TableEvent.ColumnDropRequested.class,
        TableEvent.TableRenameRequested.class, TableEvent.TableDropRequested.class,
        TableEvent.ChangeConfirmed.class, TableEvent.ChangeRejected.class, ColumnDefinition.class,
        EventView.class, DataSourceRecord.class})
final class SchemaSyncReflection {

    private SchemaSyncReflection() {
    }
}
