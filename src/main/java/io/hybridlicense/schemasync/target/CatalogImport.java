package io.hybridlicense.schemasync.target;

import io.hybridlicense.schemasync.domain.ChangeRefused;
import io.hybridlicense.schemasync.domain.ColumnDefinition;
import io.hybridlicense.schemasync.domain.ColumnType;
import io.hybridlicense.schemasync.domain.DefaultValuePolicy;
import io.hybridlicense.schemasync.domain.Dialect;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column of the user's catalogue in the model's terms: the portable type that our DDL would have
 * declared exactly so (with its default as a value), or else {@code native:<type>} with the default
 * kept as the database's expression. Either way {@link DefinitionMatch} finds it identical to the
 * catalogue's column, so an imported table is in sync by construction.
 */
final class CatalogImport {

    private static final Pattern LENGTH = Pattern.compile("\\((\\d{1,5})\\)");
    private static final Pattern PRECISION = Pattern.compile("\\((\\d{1,2}),(\\d{1,2})\\)");
    private static final List<String> PLAIN = List.of("integer", "bigint", "text", "boolean", "timestamp", "date", "json", "uuid");
    private static final Set<String> TRUE = Set.of("true", "1", "t");

    private CatalogImport() {
    }

    static ColumnDefinition definition(Dialect dialect, TargetCatalog.ActualColumn actual) {
        for (ColumnType candidate : candidates(dialect, actual.type())) {
            try {
                ColumnDefinition portable = ColumnDefinition.imported(actual.name(), candidate, actual.nullable(),
                        value(candidate, DefinitionMatch.literal(actual.defaultExpression())), actual.primaryKey(), dialect);
                if (DefinitionMatch.difference(dialect, portable, actual) == null) {
                    return portable;
                }
            } catch (ChangeRefused unportableDefault) {
                // a default such as nextval(...) or gen_random_uuid(): kept as the database has it, below
            }
        }
        return ColumnDefinition.nativeColumn(actual.name(), DefinitionMatch.normalizeType(dialect, actual.type()),
                actual.nullable(), DefinitionMatch.literal(actual.defaultExpression()), actual.primaryKey());
    }

    /** The portable types the catalogue's type could stand for, the most specific first. */
    private static List<ColumnType> candidates(Dialect dialect, String actualType) {
        String type = DefinitionMatch.normalizeType(dialect, actualType);
        List<ColumnType> candidates = new ArrayList<>();
        Matcher precision = PRECISION.matcher(type);
        if (precision.find()) {
            parse("numeric(" + precision.group(1) + "," + precision.group(2) + ")").ifPresent(candidates::add);
        }
        Matcher length = LENGTH.matcher(type);
        if (length.find()) {
            parse("varchar(" + length.group(1) + ")").ifPresent(candidates::add);
        }
        PLAIN.forEach(base -> parse(base).ifPresent(candidates::add));
        return candidates.stream().filter(candidate -> DefinitionMatch.sameType(dialect, candidate, actualType)).toList();
    }

    private static Optional<ColumnType> parse(String type) {
        try {
            return Optional.of(ColumnType.parse(type));
        } catch (ChangeRefused outOfRange) {
            return Optional.empty();
        }
    }

    /** The catalogue's literal as the JSON value a request would have given for that type. */
    private static Object value(ColumnType type, String literal) {
        if (literal == null) {
            return null;
        }
        String lower = literal.toLowerCase(Locale.ROOT).replace("()", "");
        if (type.base().equals("timestamp") && (lower.equals("current_timestamp") || lower.equals("now"))) {
            return DefaultValuePolicy.CURRENT_TIMESTAMP;
        }
        return switch (type.base()) {
            case "integer", "bigint", "numeric" -> number(literal);
            case "boolean" -> TRUE.contains(lower) ? Boolean.TRUE : Set.of("false", "0", "f").contains(lower) ? Boolean.FALSE : literal;
            default -> literal;
        };
    }

    private static Object number(String literal) {
        try {
            BigDecimal number = new BigDecimal(literal);
            try {
                return number.longValueExact();
            } catch (ArithmeticException notWhole) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            return literal;
        }
    }
}
