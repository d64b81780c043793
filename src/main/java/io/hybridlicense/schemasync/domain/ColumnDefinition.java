package io.hybridlicense.schemasync.domain;

import java.math.BigDecimal;

/**
 * One column as the model knows it.
 *
 * @param type         the canonical portable type ({@link ColumnType#toString()})
 * @param defaultValue a JSON scalar (string, number, boolean) written as a literal, or {@code null}
 */
public record ColumnDefinition(String name, String type, boolean nullable, Object defaultValue, boolean primaryKey) {

    static final int MAX_DEFAULT_LENGTH = 1000;

    /** Validates a definition for a dialect and returns it in canonical form. */
    public static ColumnDefinition of(String name, String type, Boolean nullable, Object defaultValue,
                                      Boolean primaryKey, Dialect dialect) {
        NamePolicy.requireValid(name, dialect, "column");
        boolean key = Boolean.TRUE.equals(primaryKey);
        if (key && Boolean.TRUE.equals(nullable)) {
            throw new ChangeRefused(ChangeRefused.Reason.INVALID_DEFINITION, "A primary key column cannot be nullable");
        }
        requireScalar(defaultValue);
        ColumnType columnType = ColumnType.parse(type);
        return new ColumnDefinition(name, columnType.toString(), !key && !Boolean.FALSE.equals(nullable),
                DefaultValuePolicy.requireFits(columnType, defaultValue, dialect), key);
    }

    public ColumnType columnType() {
        return ColumnType.parse(type);
    }

    /** Whether the default is the expression {@value DefaultValuePolicy#CURRENT_TIMESTAMP}, not a value. */
    public boolean defaultIsCurrentTimestamp() {
        return DefaultValuePolicy.isCurrentTimestamp(columnType(), defaultValue);
    }

    ColumnDefinition renamed(String newName) {
        return new ColumnDefinition(newName, type, nullable, defaultValue, primaryKey);
    }

    static void requireScalar(Object value) {
        boolean scalar = value == null || value instanceof Boolean || value instanceof Number
                || value instanceof String text && text.length() <= MAX_DEFAULT_LENGTH;
        if (!scalar) {
            throw new ChangeRefused(ChangeRefused.Reason.INVALID_DEFINITION,
                    "A default must be a string (at most " + MAX_DEFAULT_LENGTH + " characters), a number or a boolean");
        }
        if (value instanceof Number number) {
            try {
                new BigDecimal(number.toString());
            } catch (NumberFormatException notFinite) {
                throw new ChangeRefused(ChangeRefused.Reason.INVALID_DEFINITION, "A numeric default must be finite");
            }
        }
    }
}
