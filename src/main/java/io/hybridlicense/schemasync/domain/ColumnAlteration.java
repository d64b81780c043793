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
        String name = newName == null ? column.name() : newName;
        NamePolicy.requireValid(name, dialect, "column");
        String newType = type == null ? column.type() : ColumnType.parse(type).toString();
        boolean newNullable = nullable == null ? column.nullable() : nullable;
        ColumnDefinition.requireScalar(defaultValue);
        Object newDefault = dropDefault ? null : defaultValue == null ? column.defaultValue() : defaultValue;
        return new ColumnDefinition(name, newType, newNullable, newDefault, column.primaryKey());
    }
}
