package io.hybridlicense.schemasync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridlicense.schemasync.domain.TableEvent.ChangeConfirmed;
import io.hybridlicense.schemasync.domain.TableEvent.ChangeRejected;
import io.hybridlicense.schemasync.domain.TableEvent.ColumnAdditionRequested;
import io.hybridlicense.schemasync.domain.TableEvent.ColumnAlterationRequested;
import io.hybridlicense.schemasync.domain.TableEvent.ColumnDropRequested;
import io.hybridlicense.schemasync.domain.TableEvent.TableCreationRequested;
import io.hybridlicense.schemasync.domain.TableEvent.TableDropRequested;
import io.hybridlicense.schemasync.domain.TableEvent.TableRenameRequested;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The aggregate alone: given past events, a command yields the expected new events (or a refusal). */
class TableTest {

    private static final UUID TABLE = UUID.randomUUID();
    private static final UUID DATASOURCE = UUID.randomUUID();
    private static final ColumnDefinition ID = new ColumnDefinition("id", "bigint", false, null, true);
    private static final ColumnDefinition NAME = new ColumnDefinition("name", "text", true, null, false);
    private static final ColumnDefinition PRICE = new ColumnDefinition("price", "numeric(10,2)", true, 0, false);

    private static Table given(Dialect dialect, TableEvent... events) {
        return Table.replay(TABLE, dialect, Arrays.asList(events));
    }

    private static Table given(TableEvent... events) {
        return given(Dialect.POSTGRESQL, events);
    }

    private static TableCreationRequested created() {
        return new TableCreationRequested(1, DATASOURCE, "orders", List.of(ID, NAME));
    }

    @Test
    void create_requestsVersionOne() {
        assertThat(given().create(DATASOURCE, "orders", List.of(ID, NAME))).containsExactly(created());
    }

    @Test
    void addColumn_onAPendingCreation_queuesTheNextVersion() {
        assertThat(given(created()).addColumn(PRICE)).containsExactly(new ColumnAdditionRequested(2, PRICE));
    }

    @Test
    void addColumn_refused_whenTheColumnExists() {
        assertThatThrownBy(() -> given(created(), new ChangeConfirmed(1, false)).addColumn(NAME))
                .isInstanceOfSatisfying(ChangeRefused.class, e -> assertThat(e.reason()).isEqualTo(ChangeRefused.Reason.CONFLICT));
    }

    @Test
    void confirm_makesTheShapeConfirmed() {
        Table table = given(created(), new ColumnAdditionRequested(2, PRICE), new ChangeConfirmed(1, false),
                new ChangeConfirmed(2, false));
        assertThat(table.status()).isEqualTo(TableStatus.SYNCED);
        assertThat(table.syncedVersion()).isEqualTo(2);
        assertThat(table.confirmedShape().columns()).containsExactly(ID, NAME, PRICE);
    }

    @Test
    void confirm_twice_yieldsNothing() {
        Table table = given(created(), new ChangeConfirmed(1, false));
        assertThat(table.confirm(1, true)).isEmpty();
    }

    @Test
    void reject_cascadesToEveryLaterPendingChange_andTheModelReverts() {
        Table table = given(created(), new ChangeConfirmed(1, false), new ColumnAdditionRequested(2, PRICE),
                new TableRenameRequested(3, "purchases"), new ColumnDropRequested(4, "name"));

        List<TableEvent> decided = table.reject(2, "target-rejected", "invalid default");

        assertThat(decided).containsExactly(new ChangeRejected(2, "target-rejected", "invalid default"),
                new ChangeRejected(3, Table.PRECEDING_REJECTED, "Change 2 was rejected"),
                new ChangeRejected(4, Table.PRECEDING_REJECTED, "Change 2 was rejected"));
        decided.forEach(table::apply);
        assertThat(table.status()).isEqualTo(TableStatus.REJECTED);
        assertThat(table.latest()).isEqualTo(new TableShape("orders", List.of(ID, NAME), true));
        assertThat(table.lastRejection().reason()).isEqualTo("target-rejected");
    }

    @Test
    void rejectedDrop_leavesTheTableInTheModel() {
        Table table = given(created(), new ChangeConfirmed(1, false), new TableDropRequested(2),
                new ChangeRejected(2, "target-rejected", "locked"));
        assertThat(table.latest().exists()).isTrue();
        assertThat(table.drop()).containsExactly(new TableDropRequested(3));
    }

    @Test
    void changes_refused_onADroppedTable() {
        Table table = given(created(), new ChangeConfirmed(1, false), new TableDropRequested(2), new ChangeConfirmed(2, false));
        assertThat(table.status()).isEqualTo(TableStatus.DROPPED);
        assertThatThrownBy(() -> table.addColumn(PRICE)).isInstanceOf(ChangeRefused.class).hasMessageContaining("dropped");
    }

    @Test
    void alterColumn_recordsTheWholeColumnAfterwards() {
        Table table = given(created(), new ChangeConfirmed(1, false));
        List<TableEvent> decided = table.alterColumn("name", new ColumnAlteration("title", "varchar(80)", false, null, false));
        assertThat(decided).containsExactly(new ColumnAlterationRequested(2, "name",
                new ColumnDefinition("title", "varchar(80)", false, null, false)));
        decided.forEach(table::apply);
        SchemaChange.AlterColumn change = (SchemaChange.AlterColumn) table.pendingChange(2);
        assertThat(change.renames()).isTrue();
        assertThat(change.changesType()).isTrue();
        assertThat(change.changesNullability()).isTrue();
    }

    @Test
    void anImportedNameOutsideTheNamingRule_isKept_whenTheColumnIsRetyped_butNoNewNameMayBreakIt() {
        ColumnDefinition odd = new ColumnDefinition("a/drop", "text", true, null, false);
        Table table = given(new TableEvent.TableImported(1, DATASOURCE, "odd", List.of(ID, odd)));
        assertThat(table.alterColumn("a/drop", new ColumnAlteration(null, "varchar(20)", null, null, false)))
                .containsExactly(new ColumnAlterationRequested(2, "a/drop", new ColumnDefinition("a/drop", "varchar(20)", true, null, false)));
        assertThatThrownBy(() -> table.alterColumn("a/drop", new ColumnAlteration("b/drop", null, null, null, false)))
                .isInstanceOfSatisfying(ChangeRefused.class, e -> assertThat(e.reason()).isEqualTo(ChangeRefused.Reason.INVALID_NAME));
    }

    @Test
    void sqlite_queuesATypeChange_forTheTableRebuild() {
        Table table = given(Dialect.SQLITE, created(), new ChangeConfirmed(1, false));
        assertThat(table.alterColumn("name", new ColumnAlteration(null, "integer", false, 0, false))).hasSize(1);
        assertThat(table.alterColumn("name", new ColumnAlteration("title", null, null, null, false))).hasSize(1);
    }

    @Test
    void dropColumn_refused_forAnUnknownColumn() {
        assertThatThrownBy(() -> given(created()).dropColumn("nope"))
                .isInstanceOfSatisfying(ChangeRefused.class, e -> assertThat(e.reason()).isEqualTo(ChangeRefused.Reason.NOT_FOUND));
    }

    @Test
    void heldNames_coverTheOldAndTheNewNameWhileARenameIsPending() {
        Table table = given(created(), new ChangeConfirmed(1, false), new TableRenameRequested(2, "Purchases"));
        assertThat(table.heldNames()).containsExactlyInAnyOrder("orders", "purchases");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\"b", "x;drop table y", "naïve", "1abc", "", "a b", "a-b",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void hostileNames_areRefused(String name) {
        for (Dialect dialect : Dialect.values()) {
            assertThatThrownBy(() -> given(dialect).create(DATASOURCE, name, List.of(ID)))
                    .isInstanceOfSatisfying(ChangeRefused.class, e -> assertThat(e.reason()).isEqualTo(ChangeRefused.Reason.INVALID_NAME));
        }
    }

    @Test
    void reservedWords_areRefusedPerDialect() {
        assertThatThrownBy(() -> NamePolicy.requireValid("select", Dialect.POSTGRESQL, "table")).isInstanceOf(ChangeRefused.class);
        assertThatThrownBy(() -> NamePolicy.requireValid("KEY", Dialect.MARIADB, "column")).isInstanceOf(ChangeRefused.class);
        assertThatThrownBy(() -> NamePolicy.requireValid("pragma", Dialect.SQLITE, "table")).isInstanceOf(ChangeRefused.class);
        NamePolicy.requireValid("key", Dialect.POSTGRESQL, "column");
    }

    @Test
    void columnTypes_areCanonical() {
        assertThat(ColumnType.parse("NUMERIC(10, 2)").toString()).isEqualTo("numeric(10,2)");
        assertThat(ColumnType.parse("varchar(20)").toString()).isEqualTo("varchar(20)");
        assertThatThrownBy(() -> ColumnType.parse("varchar(0)")).isInstanceOf(ChangeRefused.class);
        assertThatThrownBy(() -> ColumnType.parse("int; drop table x")).isInstanceOf(ChangeRefused.class);
    }

    @Test
    void events_areAppliedInOrder_versionByVersion() {
        List<TableEvent> history = new ArrayList<>();
        Table table = given();
        for (List<TableEvent> step : List.of(table.create(DATASOURCE, "orders", List.of(ID)))) {
            step.forEach(table::apply);
            history.addAll(step);
        }
        List<TableEvent> added = table.addColumn(NAME);
        added.forEach(table::apply);
        assertThat(table.version()).isEqualTo(2);
        assertThat(table.eventCount()).isEqualTo(2);
        assertThat(table.pendingChanges()).containsOnlyKeys(1, 2);
    }
}
