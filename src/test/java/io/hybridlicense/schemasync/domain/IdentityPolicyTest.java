package io.hybridlicense.schemasync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridlicense.schemasync.domain.TableEvent.ChangeConfirmed;
import io.hybridlicense.schemasync.domain.TableEvent.TableCreationRequested;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Identity columns: integer, NOT NULL, no default, one per table, a key where the dialect needs one. */
class IdentityPolicyTest {

    private static final UUID DATASOURCE = UUID.randomUUID();

    private static ColumnDefinition column(String name, String type, Boolean nullable, Object defaultValue, Boolean key,
                                           String generated, Dialect dialect) {
        return ColumnDefinition.of(name, type, nullable, defaultValue, key, generated, dialect);
    }

    private static ColumnDefinition identity(String name, boolean key, Dialect dialect) {
        return column(name, "bigint", null, null, key, "identity", dialect);
    }

    private static void refused(ThrowingCallable call, ChangeRefused.Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ChangeRefused.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.field()).contains("generated");
        });
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anIdentityPrimaryKey_isAcceptedEverywhere_andIsNotNull(Dialect dialect) {
        ColumnDefinition id = identity("id", true, dialect);
        assertThat(id.identity()).isTrue();
        assertThat(id.nullable()).isFalse();
        assertThat(Table.replay(UUID.randomUUID(), dialect, List.of())
                .create(DATASOURCE, "t", List.of(id, column("n", "text", null, null, null, null, dialect)))).hasSize(1);
    }

    @Test
    void identity_mustBeAnInteger_notNullable_withoutDefault() {
        refused(() -> column("id", "text", null, null, true, "identity", Dialect.POSTGRESQL), ChangeRefused.Reason.UNSUPPORTED);
        refused(() -> column("id", "numeric(10,0)", null, null, true, "identity", Dialect.POSTGRESQL), ChangeRefused.Reason.UNSUPPORTED);
        refused(() -> column("id", "bigint", true, null, false, "identity", Dialect.POSTGRESQL), ChangeRefused.Reason.UNSUPPORTED);
        refused(() -> column("id", "bigint", null, 5, true, "identity", Dialect.POSTGRESQL), ChangeRefused.Reason.UNSUPPORTED);
        refused(() -> column("id", "bigint", null, null, true, "always", Dialect.POSTGRESQL), ChangeRefused.Reason.INVALID_DEFINITION);
        assertThat(column("id", "integer", false, null, true, "identity", Dialect.MARIADB).identity()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void atMostOneIdentityPerTable(Dialect dialect) {
        Table table = Table.replay(UUID.randomUUID(), dialect, List.of());
        refused(() -> table.create(DATASOURCE, "t", List.of(identity("a", true, dialect), identity("b", true, dialect))),
                ChangeRefused.Reason.UNSUPPORTED);
    }

    @Test
    void theKeyRule_isTheDialects() {
        ColumnDefinition plainKey = column("k", "integer", null, null, true, null, Dialect.POSTGRESQL);
        ColumnDefinition bareIdentity = identity("seq", false, Dialect.POSTGRESQL);
        assertThat(Table.replay(UUID.randomUUID(), Dialect.POSTGRESQL, List.of())
                .create(DATASOURCE, "t", List.of(plainKey, bareIdentity))).hasSize(1);
        for (Dialect dialect : List.of(Dialect.MARIADB, Dialect.MYSQL, Dialect.SQLITE)) {
            Table table = Table.replay(UUID.randomUUID(), dialect, List.of());
            refused(() -> table.create(DATASOURCE, "t", List.of(plainKey, bareIdentity)), ChangeRefused.Reason.UNSUPPORTED);
        }
        // MariaDB numbers the first column of a key; SQLite only a lone INTEGER PRIMARY KEY
        ColumnDefinition keyedIdentity = identity("seq", true, Dialect.MARIADB);
        assertThat(Table.replay(UUID.randomUUID(), Dialect.MARIADB, List.of())
                .create(DATASOURCE, "t", List.of(keyedIdentity, plainKey))).hasSize(1);
        refused(() -> Table.replay(UUID.randomUUID(), Dialect.MARIADB, List.of())
                .create(DATASOURCE, "t", List.of(plainKey, keyedIdentity)), ChangeRefused.Reason.UNSUPPORTED);
        refused(() -> Table.replay(UUID.randomUUID(), Dialect.SQLITE, List.of())
                .create(DATASOURCE, "t", List.of(keyedIdentity, plainKey)), ChangeRefused.Reason.UNSUPPORTED);
    }

    @Test
    void addingAnIdentity_isPostgresqlOnly_andStillOnePerTable() {
        ColumnDefinition key = column("k", "integer", null, null, true, null, Dialect.POSTGRESQL);
        for (Dialect dialect : List.of(Dialect.MARIADB, Dialect.SQLITE)) {
            Table table = Table.replay(UUID.randomUUID(), dialect, List.of(
                    new TableCreationRequested(1, DATASOURCE, "t", List.of(key)), new ChangeConfirmed(1, false)));
            refused(() -> table.addColumn(identity("seq", false, dialect)), ChangeRefused.Reason.UNSUPPORTED);
        }
        Table postgres = Table.replay(UUID.randomUUID(), Dialect.POSTGRESQL, List.of(
                new TableCreationRequested(1, DATASOURCE, "t", List.of(key)), new ChangeConfirmed(1, false)));
        assertThat(postgres.addColumn(identity("seq", false, Dialect.POSTGRESQL))).hasSize(1);
        Table withIdentity = Table.replay(UUID.randomUUID(), Dialect.POSTGRESQL, List.of(
                new TableCreationRequested(1, DATASOURCE, "t", List.of(identity("id", true, Dialect.POSTGRESQL))),
                new ChangeConfirmed(1, false)));
        refused(() -> withIdentity.addColumn(identity("seq", false, Dialect.POSTGRESQL)), ChangeRefused.Reason.UNSUPPORTED);
    }

    @Test
    void anIdentityColumn_staysAnIntegerWithoutDefault_andAlterationsKeepIt() {
        Table table = Table.replay(UUID.randomUUID(), Dialect.POSTGRESQL, List.of(
                new TableCreationRequested(1, DATASOURCE, "t", List.of(column("id", "integer", null, null, true, "identity",
                        Dialect.POSTGRESQL))), new ChangeConfirmed(1, false)));
        refused(() -> table.alterColumn("id", new ColumnAlteration(null, "text", null, null, false)), ChangeRefused.Reason.UNSUPPORTED);
        refused(() -> table.alterColumn("id", new ColumnAlteration(null, null, null, 1, false)), ChangeRefused.Reason.UNSUPPORTED);
        List<TableEvent> widened = table.alterColumn("id", new ColumnAlteration("key", "bigint", null, null, false));
        assertThat(((TableEvent.ColumnAlterationRequested) widened.get(0)).after().identity()).isTrue();
    }
}
