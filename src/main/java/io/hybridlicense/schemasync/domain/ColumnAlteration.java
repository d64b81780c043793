package io.hybridlicense.schemasync.domain;

/**
 * What to change in a column; {@code null} fields stay as they are.
 *
 * @param dropDefault {@code true} to remove the default (then {@code defaultValue} must be null)
 */
public record ColumnAlteration(String newName, String type, Boolean nullable, Object defaultValue, boolean dropDefault) {

    ColumnDefinition applyTo(ColumnDefinition column, Dialect dialect) {
        if (dropDefault && defaultValue != null) {
            throw new ChangeRefused(ChangeRefused.Reason.INVALID_DEFINITION, "Give either a default or dropDefault");
        }
        if (newName == null && type == null && nullable == null && defaultValue == null && !dropDefault) {
            throw new ChangeRefused(ChangeRefused.Reason.INVALID_DEFINITION, "Nothing to change");
        }
        if (newName != null) {
            NamePolicy.requireValid(newName, dialect, "column");
        }
        // a kept name is the database's own (an imported or adopted column): held to nothing it did not ask
        String name = newName == null ? column.name() : newName;
        ColumnType newType = type == null ? column.columnType() : ColumnType.parse(type);
        boolean newNullable = nullable == null ? column.nullable() : nullable;
        ColumnDefinition.requireScalar(defaultValue);
        boolean keepsDefault = !dropDefault && defaultValue == null;
        if (keepsDefault && column.defaultIsCurrentTimestamp() && !newType.base().equals("timestamp")) {
            // carried over, the expression would silently become the text 'CURRENT_TIMESTAMP'
            throw new ChangeRefused(ChangeRefused.Reason.INVALID_DEFINITION, "The default CURRENT_TIMESTAMP only fits "
                    + "timestamp columns: give a new default or dropDefault with the type", "default");
        }
        Object newDefault = DefaultValuePolicy.requireFits(newType, keepsDefault ? column.defaultValue() : defaultValue, dialect);
        return new ColumnDefinition(name, newType.toString(), newNullable, newDefault, column.primaryKey(), column.generated());
    }
}
