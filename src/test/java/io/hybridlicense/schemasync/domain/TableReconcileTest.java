package io.hybridlicense.schemasync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridlicense.schemasync.domain.TableEvent.ChangeConfirmed;
import io.hybridlicense.schemasync.domain.TableEvent.ColumnAdditionRequested;
import io.hybridlicense.schemasync.domain.TableEvent.ColumnDropRequested;
import io.hybridlicense.schemasync.domain.TableEvent.DriftAdopted;
import io.hybridlicense.schemasync.domain.TableEvent.DriftCleared;
import io.hybridlicense.schemasync.domain.TableEvent.DriftDetected;
import io.hybridlicense.schemasync.domain.TableEvent.ReconcileRequested;
import io.hybridlicense.schemasync.domain.TableEvent.RevertRequested;
import io.hybridlicense.schemasync.domain.TableEvent.TableImported;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Import, drift, reconcile and revert on the aggregate alone: given events, a command yields events. */
class TableReconcileTest {

    private static final UUID TABLE = UUID.randomUUID();
    private static final UUID DATASOURCE = UUID.randomUUID();
    private static final ColumnDefinition ID = new ColumnDefinition("id", "bigint", false, null, true);
    private static final ColumnDefinition TITLE = new ColumnDefinition("title", "varchar(20)", true, null, false);
    private static final ColumnDefinition WIDE_TITLE = new ColumnDefinition("title", "varchar(50)", true, null, false);
    private static final ColumnDefinition TAGS = ColumnDefinition.nativeColumn("tags", "jsonb", true, null, false);
    private static final List<Drift> EXTRA = List.of(new Drift("extra-column", "extra", null, "extra integer NULL"));

    private static Table given(TableEvent... events) {
        return Table.replay(TABLE, Dialect.POSTGRESQL, Arrays.asList(events));
    }

    private static TableImported imported() {
        return new TableImported(1, DATASOURCE, "orders", List.of(ID, TITLE, TAGS));
    }

    @Test
    void anImportedTable_isSyncedAtOnce_withNothingPending() {
        Table table = given(imported());

        assertThat(table.status()).isEqualTo(TableStatus.SYNCED);
        assertThat(table.syncedVersion()).isEqualTo(1);
        assertThat(table.pendingChanges()).isEmpty();
        assertThat(table.confirmedShape().columns()).containsExactly(ID, TITLE, TAGS);
    }

    @Test
    void aNativeColumn_canBeRenamedOrDropped_butNotAltered() {
        Table table = given(imported());

        assertThatThrownBy(() -> table.alterColumn("tags", new ColumnAlteration(null, "text", null, null, false)))
                .isInstanceOfSatisfying(ChangeRefused.class, e -> assertThat(e.reason()).isEqualTo(ChangeRefused.Reason.UNSUPPORTED));
        assertThat(table.alterColumn("tags", new ColumnAlteration("labels", null, null, null, false)))
                .singleElement().extracting(e -> ((TableEvent.ColumnAlterationRequested) e).after().type()).isEqualTo("native:jsonb");
        assertThat(table.dropColumn("tags")).containsExactly(new ColumnDropRequested(2, "tags"));
    }

    @Test
    void aNativeColumn_isNeverCreatedBySchemasync() {
        assertThatThrownBy(() -> given().create(DATASOURCE, "copy", List.of(ID, TAGS)))
                .isInstanceOfSatisfying(ChangeRefused.class, e -> assertThat(e.reason()).isEqualTo(ChangeRefused.Reason.UNSUPPORTED));
        assertThatThrownBy(() -> ColumnType.parse("native:jsonb")).isInstanceOf(ChangeRefused.class);
    }

    @Test
    void drift_isRecordedOnce_refusesChanges_andClearsWhenGone() {
        Table table = given(imported());
        assertThat(table.recordDrift(EXTRA)).containsExactly(new DriftDetected(1, EXTRA));

        Table drifted = given(imported(), new DriftDetected(1, EXTRA));

        assertThat(drifted.recordDrift(EXTRA)).isEmpty();
        assertThatThrownBy(() -> drifted.addColumn(new ColumnDefinition("more", "integer", true, null, false)))
                .isInstanceOfSatisfying(ChangeRefused.class, e -> assertThat(e.reason()).isEqualTo(ChangeRefused.Reason.DRIFTED));
        assertThat(drifted.recordDrift(List.of())).containsExactly(new DriftCleared(1));
    }

    @Test
    void drift_isNotJudged_whileAChangeIsInFlight() {
        Table table = given(imported(), new ColumnAdditionRequested(2, new ColumnDefinition("more", "integer", true, null, false)));

        assertThat(table.recordDrift(EXTRA)).isEmpty();
    }

    @Test
    void adopting_makesTheActualShapeTheModel_asANewSyncedVersion() {
        Table drifted = given(imported(), new DriftDetected(1, EXTRA));
        TableShape actual = new TableShape("orders", List.of(ID, WIDE_TITLE, TAGS), true);

        List<TableEvent> adopted = drifted.adopt(actual);

        assertThat(adopted).containsExactly(new DriftAdopted(2, "orders", List.of(ID, WIDE_TITLE, TAGS), true));
        Table after = given(imported(), new DriftDetected(1, EXTRA), adopted.get(0));
        assertThat(after.status()).isEqualTo(TableStatus.SYNCED);
        assertThat(after.drift()).isEmpty();
        assertThat(after.confirmedShape()).isEqualTo(actual);
    }

    @Test
    void applying_namesTheColumnsItWouldLose_unlessAllowed() {
        Table drifted = given(imported(), new DriftDetected(1, EXTRA));
        ColumnDefinition extra = new ColumnDefinition("extra", "integer", true, null, false);
        TableShape actual = new TableShape("orders", List.of(ID, WIDE_TITLE, TAGS, extra), true);

        assertThatThrownBy(() -> drifted.reconcileByApplying(actual, false))
                .isInstanceOfSatisfying(ChangeRefused.class, e -> assertThat(e.columns()).containsExactlyInAnyOrder("title", "extra"));
        List<TableEvent> queued = drifted.reconcileByApplying(actual, true);

        assertThat(queued).containsExactly(new ReconcileRequested(2, "orders", actual.columns(), true));
        Table pending = given(imported(), new DriftDetected(1, EXTRA), queued.get(0));
        SchemaChange.Reshape reshape = (SchemaChange.Reshape) pending.pendingChange(2);
        assertThat(reshape.steps()).extracting(SchemaChange.Step::change).containsExactly(
                new SchemaChange.AlterColumn("orders", WIDE_TITLE, TITLE), new SchemaChange.DropColumn("orders", "extra"));
        assertThat(pending.latest()).isEqualTo(pending.confirmedShape());
    }

    @Test
    void revert_queuesTheWayBack_asOneChange() {
        ColumnDefinition qty = new ColumnDefinition("qty", "integer", true, null, false);
        Table now = given(imported(), new ColumnAdditionRequested(2, qty), new ChangeConfirmed(2, false));
        TableShape then = given(imported()).latest();

        assertThatThrownBy(() -> now.revert(1, then, false))
                .isInstanceOfSatisfying(ChangeRefused.class, e -> assertThat(e.columns()).containsExactly("qty"));
        assertThat(now.revert(1, then, true)).containsExactly(new RevertRequested(3, 1, "orders", List.of(ID, TITLE, TAGS)));
    }

    @Test
    void widening_losesNothing_narrowingDoes() {
        assertThat(ColumnType.parse("varchar(20)").fitsInto(ColumnType.parse("varchar(50)"))).isTrue();
        assertThat(ColumnType.parse("integer").fitsInto(ColumnType.parse("bigint"))).isTrue();
        assertThat(ColumnType.parse("numeric(10,2)").fitsInto(ColumnType.parse("numeric(12,2)"))).isTrue();
        assertThat(ColumnType.parse("bigint").fitsInto(ColumnType.parse("integer"))).isFalse();
        assertThat(ColumnType.parse("varchar(50)").fitsInto(ColumnType.parse("varchar(20)"))).isFalse();
        assertThat(ColumnType.parse("numeric(10,2)").fitsInto(ColumnType.parse("numeric(10,1)"))).isFalse();
        assertThat(ColumnType.parse("text").fitsInto(ColumnType.parse("varchar(50)"))).isFalse();
    }
}
