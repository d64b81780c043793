package io.hybridlicense.schemasync.target;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.hybridlicense.schemasync.domain.ColumnDefinition;
import io.hybridlicense.schemasync.domain.Dialect;
import io.hybridlicense.schemasync.domain.SchemaChange;
import io.hybridlicense.schemasync.domain.TableShape;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * SQLite changes a column's type, nullability or default only by rebuilding its table, the procedure
 * of sqlite.org/lang_altertable.html section 7: create the new definition under another name, copy
 * every row (with its rowid), drop the old table, rename the new one, recreate the old one's indexes
 * and triggers, check the foreign keys that point at it. All of it runs in the attempt's one
 * transaction, so a failure (a NULL the new NOT NULL refuses, a broken foreign key) leaves the table
 * as it was, and a crash after the commit leaves the new shape, which the next attempt adopts.
 *
 * <p>Values are copied as they are and take the new column's type affinity; a {@code CAST} would turn
 * {@code 'abc'} into 0 or a date into its year. Affinity is not always lossless either (text of more
 * than 15 significant digits becomes an approximate number, {@code '1.50'} becomes 1.5): a type
 * change checks first that the values fit the new type's bounds and then that the copy kept every
 * value of the column, row by row ({@link ExactValues}). Our connections never enforce foreign keys ({@code foreign_keys=false}, step 1 of
 * the procedure), and {@code legacy_alter_table} is on for the swap so that views naming the table
 * are neither checked nor rewritten while it is briefly absent.
 */
final class SqliteRebuild {

    /** Statements starting so are checks: a row in their answer is a violation, and the rebuild is undone. */
    static final String FOREIGN_KEY_CHECK = "pragma foreign_key_check";
    private static final String SUFFIX = "__hl_rebuild";
    private static final Pattern QUOTED = Pattern.compile("'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|`(?:[^`]|``)*`|\\[[^]]*]");
    /**
     * Table features the model cannot express: a rebuild from the model would silently lose them. (The
     * short form of a generated column, {@code AS (…)}, is found by {@code pragma_table_xinfo} instead:
     * our own defaults say {@code cast(0 as decimal)}.)
     */
    private static final Set<String> UNKNOWN_FEATURES = Set.of("check", "collate", "references", "foreign", "unique",
            "generated", "constraint", "without", "strict", "on");

    private final TargetCatalog catalog;
    private final DdlRenderer ddl;
    private final DSLContext sql;

    SqliteRebuild(TargetCatalog catalog, DdlRenderer ddl) {
        this.catalog = catalog;
        this.ddl = ddl;
        this.sql = ddl.dsl();
    }

    static boolean needed(SchemaChange.AlterColumn alter) {
        return alter.changesType() || alter.changesNullability() || alter.changesDefault();
    }

    /**
     * @param model the whole table as the model knows it before the change
     * @return nothing when the table already has its new shape (an attempt committed and died before
     *         recording it); otherwise the procedure
     */
    List<String> statements(TargetCatalog.ActualTable table, SchemaChange.AlterColumn alter, TableShape model)
            throws SQLException, ChangeFailure {
        ColumnDefinition before = alter.before();
        ColumnDefinition after = alter.after();
        List<ColumnDefinition> target = replace(model.columns(), before, after);
        if (difference(table, target, after.name()) == null) {
            return List.of();
        }
        String unknown = difference(table, model.columns(), before.name());
        if (unknown != null) {
            throw ChangeFailure.conflict("Table '" + table.name() + "' is not the table the model knows (" + unknown + "): " + table);
        }
        requireNothingTheModelLacks(table.name());
        String temporary = table.name() + SUFFIX;
        if (catalog.table(temporary).isPresent()) {
            throw ChangeFailure.conflict("Table '" + temporary + "' exists; the rebuild of '" + table.name() + "' needs that name");
        }
        if (alter.changesNullability() && !after.nullable()) {
            requireNoNulls(table.name(), before.name());
        }
        ColumnDefinition retyped = new ColumnDefinition(before.name(), after.type(), after.nullable(), after.defaultValue(),
                after.primaryKey(), after.generated());
        List<ColumnDefinition> rebuilt = replace(model.columns(), before, retyped);
        List<String> statements = new ArrayList<>();
        String bounds = ExactValues.check(sql, Dialect.SQLITE, table.name(), before.name(), before.columnType(), after.columnType());
        if (bounds != null) {
            statements.add(bounds);
        }
        statements.add("pragma legacy_alter_table = on");
        statements.add(ddl.createTable(new SchemaChange.CreateTable(temporary, rebuilt)));
        statements.add(copy(table.name(), temporary, rebuilt));
        if (alter.changesType()) {
            statements.add(ExactValues.sqliteCopyCheck(sql, table.name(), temporary, before.name(), after.columnType()));
        }
        if (rebuilt.stream().anyMatch(ColumnDefinition::identity)) {
            statements.addAll(keepSequence(table.name(), temporary));
        }
        statements.add(ddl.dropTable(new SchemaChange.DropTable(table.name())));
        statements.add(ddl.renameTable(new SchemaChange.RenameTable(temporary, table.name())));
        statements.add("pragma legacy_alter_table = off");
        statements.addAll(dependents(table.name()));
        if (!before.name().equals(after.name())) {
            statements.add(ddl.renameColumn(table.name(), before.name(), after.name()));
        }
        statements.add(foreignKeyCheck(table.name()));
        for (String child : referencing(table.name())) {
            statements.add(foreignKeyCheck(child));
        }
        return statements;
    }

    /** Runs a {@link #FOREIGN_KEY_CHECK}: any row it answers is a foreign key the rebuild would break. */
    static void requireNoViolation(Statement statement, String check) throws SQLException, ChangeFailure {
        try (ResultSet violations = statement.executeQuery(check)) {
            if (violations.next()) {
                throw ChangeFailure.permanent("target-rejected", "Rebuilding the table would break the foreign key of '"
                        + violations.getString(1) + "' row " + violations.getLong(2) + " to '" + violations.getString(3)
                        + "'; nothing was changed");
            }
        }
    }

    static boolean isCheck(String statement) {
        return statement.startsWith(FOREIGN_KEY_CHECK);
    }

    private String difference(TargetCatalog.ActualTable table, List<ColumnDefinition> columns, String exactName) {
        if (table.columns().size() != columns.size()) {
            return "other columns";
        }
        for (ColumnDefinition column : columns) {
            Optional<TargetCatalog.ActualColumn> actual = catalog.column(table, column.name());
            if (actual.isEmpty() || column.name().equals(exactName) && !actual.get().name().equals(exactName)) {
                return "other columns";
            }
            String difference = DefinitionMatch.difference(Dialect.SQLITE, column, actual.get());
            if (difference != null) {
                return column.name() + ": " + difference;
            }
        }
        return null;
    }

    private void requireNothingTheModelLacks(String table) throws SQLException, ChangeFailure {
        List<String> definitions = new ArrayList<>();
        catalog.read("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table, row -> definitions.add(row.getString(1)));
        catalog.read("SELECT 'generated' FROM pragma_table_xinfo(?) WHERE hidden <> 0", table, row -> definitions.add(row.getString(1)));
        for (String definition : definitions) {
            String bare = QUOTED.matcher(definition == null ? "" : definition).replaceAll(" ").toLowerCase(Locale.ROOT);
            for (String word : bare.split("[^a-z_]+")) {
                if (UNKNOWN_FEATURES.contains(word)) {
                    throw ChangeFailure.conflict("Table '" + table + "' has a " + word.toUpperCase(Locale.ROOT)
                            + " clause the model does not know; rebuilding it would drop that clause");
                }
            }
        }
    }

    private void requireNoNulls(String table, String column) throws SQLException, ChangeFailure {
        long[] nulls = {0};
        catalog.read(sql.selectCount().from(table(name(table))).where(field(name(column)).isNull()).getSQL(), null,
                row -> nulls[0] = row.getLong(1));
        if (nulls[0] > 0) {
            throw ChangeFailure.permanent("target-rejected", "Column '" + column + "' of '" + table + "' holds "
                    + nulls[0] + " NULL value(s), so it cannot become NOT NULL; nothing was changed");
        }
    }

    /** Every row, with its rowid unless an identity column (the rowid itself) carries it. */
    private String copy(String from, String to, List<ColumnDefinition> columns) {
        List<Field<?>> fields = new ArrayList<>(columns.stream().<Field<?>>map(c -> field(name(c.name()))).toList());
        if (columns.stream().noneMatch(ColumnDefinition::identity)
                && columns.stream().noneMatch(c -> Set.of("rowid", "oid", "_rowid_").contains(c.name().toLowerCase(Locale.ROOT)))) {
            fields.add(0, field(name("rowid")));
        }
        return sql.insertInto(table(name(to)), fields).select(sql.select(fields).from(table(name(from)))).getSQL();
    }

    /** AUTOINCREMENT never reuses a number: the new table continues where the old one was, not at its highest row. */
    private List<String> keepSequence(String from, String to) {
        Field<String> sequenceName = field(name("name"), String.class);
        Field<Long> sequence = field(name("seq"), Long.class);
        return List.of(sql.deleteFrom(table(name("sqlite_sequence"))).where(sequenceName.eq(inline(to))).getSQL(),
                sql.insertInto(table(name("sqlite_sequence")), sequenceName, sequence)
                        .select(sql.select(inline(to), sequence).from(table(name("sqlite_sequence"))).where(sequenceName.eq(inline(from))))
                        .getSQL());
    }

    /** The user's own indexes and triggers of the table, in SQLite's stored words (dropped with the old table). */
    private List<String> dependents(String table) throws SQLException, ChangeFailure {
        List<String> statements = new ArrayList<>();
        catalog.read("SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL "
                + "ORDER BY type, name", table, row -> statements.add(row.getString(1)));
        return statements;
    }

    private List<String> referencing(String table) throws SQLException, ChangeFailure {
        List<String> children = new ArrayList<>();
        catalog.read("SELECT DISTINCT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f "
                + "WHERE m.type = 'table' AND f.\"table\" = ? COLLATE NOCASE AND m.name <> f.\"table\"", table,
                row -> children.add(row.getString(1)));
        return children;
    }

    private String foreignKeyCheck(String table) {
        return sql.query(FOREIGN_KEY_CHECK + "({0})", name(table)).getSQL();
    }

    private static List<ColumnDefinition> replace(List<ColumnDefinition> columns, ColumnDefinition old, ColumnDefinition by) {
        return columns.stream().map(c -> c.name().equalsIgnoreCase(old.name()) ? by : c).toList();
    }
}
