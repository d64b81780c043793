package io.hybridlicense.schemasync.target;

import io.hybridlicense.schemasync.domain.ColumnDefinition;
import io.hybridlicense.schemasync.domain.Dialect;
import io.hybridlicense.schemasync.domain.Drift;
import io.hybridlicense.schemasync.domain.TableShape;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables of a user's database as its catalogue showed them at one moment, read on one connection:
 * what import takes over and what the drift check compares each model with. Names are matched by the
 * dialect's rules ({@link TargetCatalog}).
 */
public final class CatalogSnapshot {

    private final Dialect dialect;
    private final Map<String, TargetCatalog.ActualTable> tables;
    private final boolean tableNamesIgnoreCase;

    private CatalogSnapshot(Dialect dialect, Map<String, TargetCatalog.ActualTable> tables, boolean tableNamesIgnoreCase) {
        this.dialect = dialect;
        this.tables = tables;
        this.tableNamesIgnoreCase = tableNamesIgnoreCase;
    }

    /** Reads every table of the database, within the attempt's deadline. */
    public static CatalogSnapshot read(TargetConnector connector, TargetSpec target, AttemptDeadline deadline) throws ChangeFailure {
        try (Connection connection = connector.open(target)) {
            TargetCatalog catalog = new TargetCatalog(connection, target.dialect(), deadline);
            Map<String, TargetCatalog.ActualTable> tables = new LinkedHashMap<>();
            for (String name : catalog.tableNames()) {
                catalog.table(name).ifPresent(table -> tables.put(table.name(), table));
            }
            return new CatalogSnapshot(target.dialect(), tables, catalog.sameTableName("A", "a"));
        } catch (SQLException | RuntimeException e) {
            throw ChangeFailure.of(e);
        }
    }

    /** The names of the database's tables, as it spells them. */
    public List<String> tableNames() {
        return List.copyOf(tables.keySet());
    }

    /** The database's own spelling of a table name, if such a table exists. */
    public Optional<String> find(String name) {
        return Optional.ofNullable(actual(name)).map(TargetCatalog.ActualTable::name);
    }

    /** Whether two table names denote one table of this database. */
    public boolean sameTableName(String a, String b) {
        return tableNamesIgnoreCase ? a.equalsIgnoreCase(b) : a.equals(b);
    }

    /**
     * The table as it is, in the model's terms: a column identical to the model's keeps the model's
     * definition (so that spellings the database treats alike are no difference), any other is read
     * as an import would read it. Absent ({@code exists} false, named as the model) when the table is gone.
     *
     * @param model the model's table, or {@code null} to read the table as a new import
     */
    public TableShape shape(String name, TableShape model) {
        TargetCatalog.ActualTable actual = actual(name);
        if (actual == null) {
            return new TableShape(model == null ? name : model.name(), List.of(), false);
        }
        List<ColumnDefinition> columns = new ArrayList<>();
        for (TargetCatalog.ActualColumn column : actual.columns()) {
            Optional<ColumnDefinition> same = model == null ? Optional.empty() : model.columns().stream()
                    .filter(c -> sameColumnName(c.name(), column.name()) && DefinitionMatch.difference(dialect, c, column) == null)
                    .findFirst();
            columns.add(same.orElseGet(() -> CatalogImport.definition(dialect, column)));
        }
        String tableName = model != null && sameTableName(model.name(), actual.name()) ? model.name() : actual.name();
        return new TableShape(tableName, columns, true);
    }

    /** How the database differs from the model of one table; empty when it matches. */
    public List<Drift> drift(TableShape model) {
        TargetCatalog.ActualTable actual = actual(model.name());
        if (actual == null) {
            return List.of(new Drift("missing-table", null, model.name(), null));
        }
        List<Drift> drift = new ArrayList<>();
        for (ColumnDefinition expected : model.columns()) {
            Optional<TargetCatalog.ActualColumn> found = actual.columns().stream()
                    .filter(c -> sameColumnName(c.name(), expected.name())).findFirst();
            if (found.isEmpty()) {
                drift.add(new Drift("missing-column", expected.name(), describe(expected), null));
                continue;
            }
            TargetCatalog.ActualColumn column = found.get();
            if (!DefinitionMatch.sameType(dialect, expected.columnType(), column.type())) {
                drift.add(new Drift("type", expected.name(), expected.type(), column.type()));
            }
            if (expected.nullable() != column.nullable()) {
                drift.add(new Drift("nullability", expected.name(), nullability(expected.nullable()), nullability(column.nullable())));
            }
            if (!DefinitionMatch.sameDefault(expected.defaultValue(), column.defaultExpression())) {
                drift.add(new Drift("default", expected.name(), expected.defaultValue() == null ? null : expected.defaultValue().toString(),
                        DefinitionMatch.literal(column.defaultExpression())));
            }
            if (expected.primaryKey() != column.primaryKey()) {
                drift.add(new Drift("primary-key", expected.name(), Boolean.toString(expected.primaryKey()),
                        Boolean.toString(column.primaryKey())));
            }
        }
        for (TargetCatalog.ActualColumn column : actual.columns()) {
            if (model.columns().stream().noneMatch(c -> sameColumnName(c.name(), column.name()))) {
                drift.add(new Drift("extra-column", column.name(), null, column.toString()));
            }
        }
        return drift;
    }

    private TargetCatalog.ActualTable actual(String name) {
        TargetCatalog.ActualTable exact = tables.get(name);
        if (exact != null) {
            return exact;
        }
        return tables.values().stream().filter(t -> sameTableName(t.name(), name)).findFirst().orElse(null);
    }

    private boolean sameColumnName(String a, String b) {
        return dialect == Dialect.POSTGRESQL ? a.equals(b) : a.equalsIgnoreCase(b);
    }

    private static String describe(ColumnDefinition column) {
        return column.name() + " " + column.type() + (column.nullable() ? " NULL" : " NOT NULL")
                + (column.defaultValue() == null ? "" : " DEFAULT " + column.defaultValue()) + (column.primaryKey() ? " PRIMARY KEY" : "");
    }

    private static String nullability(boolean nullable) {
        return nullable ? "null" : "not null";
    }
}
