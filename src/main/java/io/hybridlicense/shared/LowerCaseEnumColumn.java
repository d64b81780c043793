package io.hybridlicense.shared;

import jakarta.persistence.AttributeConverter;
import java.util.Locale;

/**
 * Stores an enum by its lower-case name, the form the API and the tables' CHECK constraints use
 * ({@code active}, {@code enterprise}). Subclass it once per enum, as JPA converters need a class.
 */
public abstract class LowerCaseEnumColumn<E extends Enum<E>> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected LowerCaseEnumColumn(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public E convertToEntityAttribute(String name) {
        return name == null ? null : Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
    }
}
