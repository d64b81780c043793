package io.hybridlicense.schemasync.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * One column as the model knows it.
 *
 * @param type         the canonical portable type ({@link ColumnType#toString()})
 * @param defaultValue a JSON scalar (string, number, boolean) written as a literal, or {@code null}
 * @param generated    {@value #IDENTITY} for a column the database numbers itself, or {@code null}
 */
public record ColumnDefinition(String name, String type, boolean nullable, Object defaultValue, boolean primaryKey,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String generated) {

    static final int MAX_DEFAULT_LENGTH = 1000;
    /** The only kind of generated column: numbered by the database (identity, AUTO_INCREMENT, rowid). */
    public static final String IDENTITY = "identity";

    public ColumnDefinition(String name, String type, boolean nullable, Object defaultValue, boolean primaryKey) {
        this(name, type, nullable, defaultValue, primaryKey, null);
    }

    /** Validates a definition for a dialect and returns it in canonical form. */
    public static ColumnDefinition of(String name, String type, Boolean nullable, Object defaultValue,
                                      Boolean primaryKey, Dialect dialect) {
        return of(name, type, nullable, defaultValue, primaryKey, null, dialect);
    }

    /** Validates a definition for a dialect and returns it in canonical form. */
    public static ColumnDefinition of(String name, String type, Boolean nullable, Object defaultValue,
                                      Boolean primaryKey, String generated, Dialect dialect) {
        NamePolicy.requireValid(name, dialect, "column");
        boolean key = Boolean.TRUE.equals(primaryKey);
        if (key && Boolean.TRUE.equals(nullable)) {
            throw new ChangeRefused(ChangeRefused.Reason.INVALID_DEFINITION, "A primary key column cannot be nullable");
        }
        requireScalar(defaultValue);
        ColumnType columnType = ColumnType.parse(type);
        boolean identity = IdentityPolicy.requireValid(generated, columnType, nullable, defaultValue);
        return new ColumnDefinition(name, columnType.toString(), !key && !identity && !Boolean.FALSE.equals(nullable),
                DefaultValuePolicy.requireFits(columnType, defaultValue, dialect), key, identity ? IDENTITY : null);
    }

    /** Whether the database numbers this column itself. */
    public boolean identity() {
        return IDENTITY.equals(generated);
    }

    /**
     * A column read from the user's database whose type has a portable equivalent: its default is
     * checked like a requested one. Its name is the database's own and is not held to {@link NamePolicy}.
     *
     * @throws ChangeRefused when the default does not fit the type (the caller keeps the column native)
     */
    public static ColumnDefinition imported(String name, ColumnType type, boolean nullable, Object defaultValue,
                                            boolean primaryKey, boolean identity, Dialect dialect) {
        if (type.isNative()) {
            throw new IllegalArgumentException("Not a portable type: " + type);
        }
        requireScalar(defaultValue);
        return new ColumnDefinition(name, type.toString(), nullable, DefaultValuePolicy.requireFits(type, defaultValue, dialect),
                primaryKey, identity ? IDENTITY : null);
    }

    /**
     * A column read from the user's database with no portable equivalent: its type is kept as
     * {@code native:<type>} and its default as the database's expression, both only ever compared, never rendered.
     */
    public static ColumnDefinition nativeColumn(String name, String nativeType, boolean nullable, String defaultExpression,
                                                boolean primaryKey, boolean identity) {
        return new ColumnDefinition(name, ColumnType.NATIVE + nativeType, nullable, defaultExpression, primaryKey,
                identity ? IDENTITY : null);
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
        return new ColumnDefinition(newName, type, nullable, defaultValue, primaryKey, generated);
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
