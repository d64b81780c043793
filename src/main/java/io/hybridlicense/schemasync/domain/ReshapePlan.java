package io.hybridlicense.schemasync.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps from one shape of a table to another, in an order each dialect can run: columns that
 * change, new columns, columns that go (last, so that the table never runs out of columns), then the
 * table's new name.
 * Columns are matched by name; a renamed column therefore counts as dropped and added.
 */
final class ReshapePlan {

    private ReshapePlan() {
    }

    static List<SchemaChange.Step> steps(TableShape from, TableShape to) {
        if (!from.exists() && !to.exists()) {
            return List.of();
        }
        if (!from.exists()) {
            return List.of(new SchemaChange.Step(new SchemaChange.CreateTable(to.name(), to.columns()), from));
        }
        if (!to.exists()) {
            return List.of(new SchemaChange.Step(new SchemaChange.DropTable(from.name()), from));
        }
        List<SchemaChange.Step> steps = new ArrayList<>();
        TableShape current = from;
        for (ColumnDefinition target : to.columns()) {
            Optional<ColumnDefinition> now = current.column(target.name());
            if (now.isPresent() && !now.get().equals(target)) {
                steps.add(new SchemaChange.Step(new SchemaChange.AlterColumn(current.name(), now.get(), target), current));
                current = current.replacing(now.get().name(), target);
            }
        }
        for (ColumnDefinition target : to.columns()) {
            if (current.column(target.name()).isEmpty()) {
                steps.add(new SchemaChange.Step(new SchemaChange.AddColumn(current.name(), target), current));
                current = current.withColumn(target);
            }
        }
        for (ColumnDefinition column : from.columns()) {
            if (to.column(column.name()).isEmpty()) {
                steps.add(new SchemaChange.Step(new SchemaChange.DropColumn(current.name(), column.name()), current));
                current = current.without(column.name());
            }
        }
        if (!current.name().equals(to.name())) {
            steps.add(new SchemaChange.Step(new SchemaChange.RenameTable(current.name(), to.name()), current));
        }
        return steps;
    }

    /** The columns whose data the steps would lose: dropped ones, and those whose type narrows. */
    static List<String> columnsLosingData(List<SchemaChange.Step> steps) {
        List<String> losing = new ArrayList<>();
        for (SchemaChange.Step step : steps) {
            if (step.change() instanceof SchemaChange.DropColumn drop) {
                losing.add(drop.column());
            } else if (step.change() instanceof SchemaChange.DropTable) {
                step.before().columns().forEach(c -> losing.add(c.name()));
            } else if (step.change() instanceof SchemaChange.AlterColumn alter
                    && !alter.before().columnType().fitsInto(alter.after().columnType())) {
                losing.add(alter.before().name());
            }
        }
        return losing;
    }

    /** Every step must be possible on the dialect, as if it were requested by itself. */
    static void check(Dialect dialect, List<SchemaChange.Step> steps) {
        for (SchemaChange.Step step : steps) {
            SchemaChange change = step.change();
            if (change instanceof SchemaChange.CreateTable create) {
                DialectPolicy.checkCreate(dialect, create.columns());
            } else if (change instanceof SchemaChange.AddColumn add) {
                DialectPolicy.checkAdd(dialect, add.column());
            } else if (change instanceof SchemaChange.AlterColumn alter) {
                DialectPolicy.checkAlter(dialect, alter);
            } else if (change instanceof SchemaChange.DropColumn drop) {
                DialectPolicy.checkDrop(dialect, step.before(), step.before().column(drop.column()).orElseThrow());
            }
        }
    }
}
