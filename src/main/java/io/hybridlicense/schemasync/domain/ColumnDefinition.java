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

    /**
     * A column read from the user's database whose type has a portable equivalent: its default is
     * checked like a requested one. Its name is the database's own and is not held to {@link NamePolicy}.
     *
     * @throws ChangeRefused when the default does not fit the type (the caller keeps the column native)
     */
    public static ColumnDefinition imported(String name, ColumnType type, boolean nullable, Object defaultValue,
                                            boolean primaryKey, Dialect dialect) {
        if (type.isNative()) {
            throw new IllegalArgumentException("Not a portable type: " + type);
        }
        requireScalar(defaultValue);
        return new ColumnDefinition(name, type.toString(), nullable, DefaultValuePolicy.requireFits(type, defaultValue, dialect),
                primaryKey);
    }

    /**
     * A column read from the user's database with no portable equivalent: its type is kept as
     * {@code native:<type>} and its default as the database's expression, both only ever compared, never rendered.
     */
    public static ColumnDefinition nativeColumn(String name, String nativeType, boolean nullable, String defaultExpression,
                                                boolean primaryKey) {
        return new ColumnDefinition(name, ColumnType.NATIVE + nativeType, nullable, defaultExpression, primaryKey);
    }

    public ColumnType columnType() {
        return ColumnType.ofStored(type);
    }

    /** Not an is-getter on purpose: Jackson would write it into every stored event. */
    public boolean hasNativeType() {
        return columnType().isNative();
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
