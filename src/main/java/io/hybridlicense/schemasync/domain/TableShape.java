package io.hybridlicense.schemasync.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A table's name and columns at one moment; {@code exists} is false before creation and after a drop. */
public record TableShape(String name, List<ColumnDefinition> columns, boolean exists) {

    static final TableShape ABSENT = new TableShape(null, List.of(), false);

    public TableShape {
        columns = List.copyOf(columns);
    }

    public Optional<ColumnDefinition> column(String columnName) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
    }

    TableShape withColumn(ColumnDefinition column) {
        List<ColumnDefinition> all = new ArrayList<>(columns);
        all.add(column);
        return new TableShape(name, all, exists);
    }

    TableShape replacing(String columnName, ColumnDefinition after) {
        return new TableShape(name, columns.stream()
                .map(c -> c.name().equalsIgnoreCase(columnName) ? after : c).toList(), exists);
    }

    TableShape without(String columnName) {
        return new TableShape(name, columns.stream().filter(c -> !c.name().equalsIgnoreCase(columnName)).toList(), exists);
    }

    TableShape renamed(String newName) {
        return new TableShape(newName, columns, exists);
    }

    TableShape dropped() {
        return new TableShape(name, columns, false);
    }
}
