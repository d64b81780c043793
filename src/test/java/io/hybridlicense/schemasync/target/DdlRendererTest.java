package io.hybridlicense.schemasync.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridlicense.schemasync.domain.ColumnDefinition;
import io.hybridlicense.schemasync.domain.Dialect;
import io.hybridlicense.schemasync.domain.SchemaChange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** jOOQ quotes identifiers and escapes literals; nothing of a name or default is pasted into SQL as is. */
class DdlRendererTest {

    private static final ColumnDefinition ID = new ColumnDefinition("id", "bigint", false, null, true);

    @Test
    void identifiersAreQuoted_perDialect() {
        SchemaChange.CreateTable create = new SchemaChange.CreateTable("Orders", List.of(ID,
                new ColumnDefinition("note", "varchar(20)", true, "it's", false)));
        assertThat(new DdlRenderer(Dialect.POSTGRESQL).createTable(create))
                .isEqualTo("create table \"Orders\" (\"id\" bigint not null, \"note\" varchar(20) null default 'it''s', primary key (\"id\"))");
        assertThat(new DdlRenderer(Dialect.MARIADB).createTable(create))
                .isEqualTo("create table `Orders` (`id` bigint not null, `note` varchar(20) null default 'it''s', primary key (`id`))");
        assertThat(new DdlRenderer(Dialect.SQLITE).createTable(create)).contains("'it''s'");
    }

    @Test
    void evenAHostileName_staysOneQuotedIdentifier() {
        // the API refuses such names; the renderer must still never let one break out of its quotes
        SchemaChange.AddColumn add = new SchemaChange.AddColumn("t\"; drop table x; --",
                new ColumnDefinition("c`; drop table y; --", "integer", true, "1'; drop table z; --", false));
        assertThat(new DdlRenderer(Dialect.POSTGRESQL).addColumn(add))
                .isEqualTo("alter table \"t\"\"; drop table x; --\" add \"c`; drop table y; --\" int null default '1''; drop table z; --'");
        assertThat(new DdlRenderer(Dialect.MARIADB).addColumn(add))
                .isEqualTo("alter table `t\"; drop table x; --` add `c``; drop table y; --` int null default '1''; drop table z; --'");
        assertThat(new DdlRenderer(Dialect.SQLITE).addColumn(add)).startsWith("alter table \"t\"\"; drop table x; --\"");
    }

    @Test
    void mariadbTypeChange_restatesNullability_andRestoresTheDefault() {
        ColumnDefinition before = new ColumnDefinition("qty", "integer", true, 0, false);
        ColumnDefinition after = new ColumnDefinition("qty", "bigint", false, 0, false);
        assertThat(new DdlRenderer(Dialect.MARIADB).alterInPlace(new SchemaChange.AlterColumn("t", before, after)))
                .containsExactly("alter table `t` change column `qty` `qty` bigint not null",
                        "alter table `t` alter column `qty` set default 0");
        assertThat(new DdlRenderer(Dialect.POSTGRESQL).alterInPlace(new SchemaChange.AlterColumn("t", before, after)))
                .containsExactly("alter table \"t\" alter column \"qty\" drop default",
                        "alter table \"t\" alter \"qty\" type bigint using cast(\"qty\" as bigint)",
                        "alter table \"t\" alter \"qty\" set not null", "alter table \"t\" alter \"qty\" set default 0");
    }

    @Test
    void postgresqlTypeChange_convertsTheValuesWithACast_andReplacesTheDefaultAroundIt() {
        ColumnDefinition before = new ColumnDefinition("code", "text", true, "7", false);
        ColumnDefinition after = new ColumnDefinition("code", "integer", true, 7, false);
        assertThat(new DdlRenderer(Dialect.POSTGRESQL).alterInPlace(new SchemaChange.AlterColumn("t", before, after)))
                .containsExactly("alter table \"t\" alter column \"code\" drop default",
                        "alter table \"t\" alter \"code\" type int using cast(\"code\" as int)",
                        "alter table \"t\" alter \"code\" set default 7");
    }

    @Test
    void currentTimestamp_isRenderedAsTheDialectsExpression_neverAsAText() {
        ColumnDefinition stamped = new ColumnDefinition("seen_at", "timestamp", true, "CURRENT_TIMESTAMP", false);
        for (Dialect dialect : List.of(Dialect.POSTGRESQL, Dialect.MARIADB, Dialect.SQLITE)) {
            String ddl = new DdlRenderer(dialect).addColumn(new SchemaChange.AddColumn("t", stamped));
            assertThat(ddl).containsPattern("default \\(?current_timestamp").doesNotContain("'");
        }
    }

    @Test
    void sqliteNames_areAlwaysQuoted_evenThoseJooqWouldLeaveBare() {
        DdlRenderer sqlite = new DdlRenderer(Dialect.SQLITE);
        assertThat(sqlite.createTable(new SchemaChange.CreateTable("Orders", List.of(ID))))
                .isEqualTo("create table \"Orders\" (\"id\" int8 not null, primary key (\"id\"))");
        assertThat(sqlite.renameColumn("Orders", "window", "filter"))
                .isEqualTo("alter table \"Orders\" rename column \"window\" to \"filter\"");
        assertThat(sqlite.dropColumn(new SchemaChange.DropColumn("Orders", "returning")))
                .isEqualTo("alter table \"Orders\" drop \"returning\"");
        assertThat(sqlite.renameTable(new SchemaChange.RenameTable("Orders", "a\"b")))
                .isEqualTo("alter table \"Orders\" rename to \"a\"\"b\"");
        assertThat(sqlite.dropTable(new SchemaChange.DropTable("Orders"))).isEqualTo("drop table \"Orders\"");
    }

    @Test
    void identity_isEachDialectsOwnAutoNumbering() {
        ColumnDefinition id = new ColumnDefinition("id", "bigint", false, null, true, ColumnDefinition.IDENTITY);
        SchemaChange.CreateTable create = new SchemaChange.CreateTable("t", List.of(id, new ColumnDefinition("n", "text", true, null, false)));
        assertThat(new DdlRenderer(Dialect.POSTGRESQL).createTable(create))
                .isEqualTo("create table \"t\" (\"id\" bigint generated by default as identity not null, \"n\" text null, primary key (\"id\"))");
        assertThat(new DdlRenderer(Dialect.MARIADB).createTable(create))
                .isEqualTo("create table `t` (`id` bigint not null auto_increment, `n` longtext null, primary key (`id`))");
        assertThat(new DdlRenderer(Dialect.SQLITE).createTable(create))
                .isEqualTo("create table \"t\" (\"id\" integer primary key autoincrement not null, \"n\" clob null)");
    }

    @Test
    void mariadbRestatement_ofAnIdentityColumn_keepsAutoIncrement() {
        ColumnDefinition before = new ColumnDefinition("id", "integer", false, null, true, ColumnDefinition.IDENTITY);
        ColumnDefinition after = new ColumnDefinition("id", "bigint", false, null, true, ColumnDefinition.IDENTITY);
        assertThat(new DdlRenderer(Dialect.MARIADB).alterInPlace(new SchemaChange.AlterColumn("t", before, after)))
                .containsExactly("alter table `t` change column `id` `id` bigint not null auto_increment");
        assertThat(new DdlRenderer(Dialect.POSTGRESQL).alterInPlace(new SchemaChange.AlterColumn("t", before, after)))
                .containsExactly("alter table \"t\" alter \"id\" type bigint using cast(\"id\" as bigint)");
    }

    @Test
    void aNarrowingTypeChange_isCheckedUnderALock_beforeItsRename_andPostgresqlConvertsToVarcharByAssignment() {
        ColumnDefinition before = new ColumnDefinition("note", "text", true, null, false);
        ColumnDefinition after = new ColumnDefinition("note", "varchar(5)", true, null, false);
        DdlRenderer mariadb = new DdlRenderer(Dialect.MARIADB);
        List<String> change = List.of("alter table `t` rename column `old` to `note`");
        List<String> guarded = ExactValues.guard(mariadb.dsl(), Dialect.MARIADB, "t", "old",
                before.columnType(), after.columnType(), change);
        assertThat(guarded).hasSize(4);
        assertThat(guarded.get(0)).isEqualTo("lock tables `t` write");
        assertThat(guarded.get(1)).satisfies(check -> assertThat(ExactValues.isCheck(check)).isTrue())
                .contains("char_length(cast(`old` as char)) <= 5");
        assertThat(guarded.subList(2, 4)).containsExactly(change.get(0), "unlock tables");
        // a widening needs no check
        assertThat(ExactValues.guard(mariadb.dsl(), Dialect.MARIADB, "t", "note", after.columnType(), before.columnType(), change))
                .isEqualTo(change);

        assertThat(new DdlRenderer(Dialect.POSTGRESQL).alterInPlace(new SchemaChange.AlterColumn("t", before, after)))
                .containsExactly("alter table \"t\" alter \"note\" type varchar(5) using cast(\"note\" as varchar)");
    }
}
