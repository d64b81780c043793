package io.hybridlicense.schemasync.table;

import io.hybridlicense.schemasync.api.ColumnView;
import io.hybridlicense.schemasync.api.TableView;
import io.hybridlicense.schemasync.api.DriftView;
import io.hybridlicense.schemasync.domain.ColumnDefinition;
import io.hybridlicense.schemasync.domain.Drift;
import io.hybridlicense.schemasync.domain.TableEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types Jackson reads and writes that Quarkus cannot discover from REST signatures, registered for the
 * native image: the stored events (and their nested column definitions), and the bodies answered inside
 * a plain {@code Response} (checked by {@code ResponseEntitiesTest}).
 */
@RegisterForReflection(targets = {
        TableEvent.TableCreationRequested.class, TableEvent.ColumnAdditionRequested.class,
        TableEvent.ColumnAlterationRequested.class, TableEvent.ColumnDropRequested.class,
        TableEvent.TableRenameRequested.class, TableEvent.TableDropRequested.class,
        TableEvent.ChangeConfirmed.class, TableEvent.ChangeRejected.class, TableEvent.TableImported.class,
        TableEvent.DriftDetected.class, TableEvent.DriftCleared.class, TableEvent.DriftAdopted.class,
        TableEvent.ReconcileRequested.class, TableEvent.RevertRequested.class, Drift.class, DriftView.class,
        DriftReport.class, DriftReport.TableDrift.class, TableRequests.ImportResponse.class, ColumnDefinition.class,
        EventView.class, TableRequests.ChangeResponse.class, TableView.class, ColumnView.class})
final class SchemaSyncReflection {

    private SchemaSyncReflection() {
    }
}
