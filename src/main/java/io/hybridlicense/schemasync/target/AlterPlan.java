package io.hybridlicense.schemasync.target;

import io.hybridlicense.schemasync.domain.ColumnDefinition;
import io.hybridlicense.schemasync.domain.Dialect;
import io.hybridlicense.schemasync.domain.SchemaChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The statements a column alteration still needs. The column must be the model's column, either as
 * it was before the change or part-way to its new definition (MariaDB/MySQL commit each statement of
 * an alteration by itself, so a crashed attempt can leave the rename done and the type not, or the
 * type changed and the default not yet restored); then only what differs from the new definition is
 * run. A column in any other state was changed by someone else: {@code target-conflict}. A type
 * change that would not keep every value exactly is refused first ({@link ExactValues}).
 */
final class AlterPlan {

    private final TargetCatalog catalog;
    private final Dialect dialect;
    private final DdlRenderer ddl;

    AlterPlan(TargetCatalog catalog, Dialect dialect, DdlRenderer ddl) {
        this.catalog = catalog;
        this.dialect = dialect;
        this.ddl = ddl;
    }

    List<String> statements(TargetCatalog.ActualTable table, SchemaChange.AlterColumn alter) throws ChangeFailure {
        ColumnDefinition before = alter.before();
        ColumnDefinition after = alter.after();
        boolean sameName = catalog.sameColumnName(before.name(), after.name());
        Optional<TargetCatalog.ActualColumn> old = catalog.column(table, before.name());
        Optional<TargetCatalog.ActualColumn> renamed = sameName ? old : catalog.column(table, after.name());
        if (!sameName && old.isPresent() && renamed.isPresent()) {
            throw ChangeFailure.conflict("Column '" + after.name() + "' already exists in '" + table.name()
                    + "': " + renamed.get());
        }
        List<String> statements = new ArrayList<>();
        TargetCatalog.ActualColumn current;
        if (!sameName && old.isPresent()) {
            requireUnchanged(before, old.get(), table);
            statements.add(ddl.renameColumn(alter.table(), before.name(), after.name()));
            current = old.get();
        } else if (renamed.isPresent()) {
            current = renamed.get();
            if (sameName && alter.renames() && !current.name().equals(after.name())) {
                statements.add(ddl.renameColumn(alter.table(), current.name(), after.name()));
            }
        } else {
            throw ChangeFailure.conflict("Column '" + before.name() + "' does not exist in '" + table.name()
                    + "': it was removed outside schemasync");
        }
        ColumnDefinition now = progress(alter, current, table);
        statements.addAll(ddl.alterInPlace(new SchemaChange.AlterColumn(alter.table(), now, after)));
        // checked under the old name, before the rename: MariaDB/MySQL would keep a rename of a refused change
        return ExactValues.guard(ddl.dsl(), dialect, alter.table(), current.name(), now.columnType(), after.columnType(),
                statements);
    }

    private void requireUnchanged(ColumnDefinition before, TargetCatalog.ActualColumn actual, TargetCatalog.ActualTable table)
            throws ChangeFailure {
        String difference = DefinitionMatch.difference(dialect, before, actual);
        if (difference != null) {
            throw ChangeFailure.conflict("Column '" + actual.name() + "' of '" + table.name()
                    + "' is not the column the model knows (" + difference + "): " + actual);
        }
    }

    /**
     * The column's current definition in the model's terms, provided each attribute is either the old
     * or the new one; a lost default counts as part-way on MariaDB/MySQL, whose column restatement drops it.
     */
    private ColumnDefinition progress(SchemaChange.AlterColumn alter, TargetCatalog.ActualColumn actual,
                                      TargetCatalog.ActualTable table) throws ChangeFailure {
        ColumnDefinition before = alter.before();
        ColumnDefinition after = alter.after();
        boolean typeIsNew = DefinitionMatch.sameType(dialect, after, actual.type());
        boolean typeKnown = typeIsNew || DefinitionMatch.sameType(dialect, before, actual.type());
        boolean nullabilityKnown = actual.nullable() == after.nullable() || actual.nullable() == before.nullable();
        boolean defaultIsNew = DefinitionMatch.sameDefault(after.defaultValue(), actual.defaultExpression());
        boolean defaultLost = actual.defaultExpression() == null || DefinitionMatch.literal(actual.defaultExpression()) == null;
        boolean defaultKnown = defaultIsNew || DefinitionMatch.sameDefault(before.defaultValue(), actual.defaultExpression())
                || defaultLost && !dialect.hasTransactionalDdl();
        if (!typeKnown || !nullabilityKnown || !defaultKnown || actual.primaryKey() != before.primaryKey()
                || actual.identity() != before.identity()) {
            throw ChangeFailure.conflict("Column '" + actual.name() + "' of '" + table.name()
                    + "' is not the column the model knows: " + actual);
        }
        return new ColumnDefinition(after.name(), typeIsNew ? after.type() : before.type(), actual.nullable(),
                defaultIsNew ? after.defaultValue() : defaultLost ? null : before.defaultValue(), before.primaryKey(),
                before.generated());
    }
}
