package io.hybridlicense.schemasync.target;

import io.hybridlicense.schemasync.domain.ColumnDefinition;
import io.hybridlicense.schemasync.domain.ColumnType;
import io.hybridlicense.schemasync.domain.Dialect;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares a column of the model with a column of the target's catalogue, attribute by attribute:
 * type (with length, precision and scale), nullability, default, primary key. Only an identical
 * column may be adopted as "already applied"; anything else belongs to the user.
 */
final class DefinitionMatch {

    private static final Pattern DISPLAY_WIDTH = Pattern.compile("^(tinyint|smallint|mediumint|int|bigint)\\((\\d+)\\)(.*)$");
    private static final Pattern QUOTED = Pattern.compile("^'((?:[^']|'')*)'(::[a-z ]+(\\(\\d+(,\\s*\\d+)?\\))?)?$", Pattern.DOTALL);
    private static final Pattern CAST = Pattern.compile("^cast\\((.*) as [a-z ]+(\\(\\d+(,\\s*\\d+)?\\))?\\)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern NUMBER_CAST = Pattern.compile("^(-?[0-9.]+)::[a-z ]+$");

    private DefinitionMatch() {
    }

    static boolean sameType(Dialect dialect, ColumnType expected, String actual) {
        if (expected.isNative()) {
            return expected.base().substring(ColumnType.NATIVE.length()).equals(normalizeType(dialect, actual));
        }
        return typeSpellings(dialect, expected).contains(normalizeType(dialect, actual));
    }

    static boolean sameDefault(Object expected, String actualExpression) {
        String actual = literal(actualExpression);
        if (expected == null) {
            return actual == null;
        }
        if (actual == null) {
            return false;
        }
        if (expected instanceof Boolean bool) {
            return bool ? Set.of("true", "1", "t").contains(actual.toLowerCase(Locale.ROOT))
                    : Set.of("false", "0", "f").contains(actual.toLowerCase(Locale.ROOT));
        }
        if (expected instanceof Number number) {
            try {
                return new BigDecimal(number.toString()).compareTo(new BigDecimal(actual)) == 0;
            } catch (NumberFormatException notANumber) {
                return false;
            }
        }
        String text = expected.toString();
        if (text.equalsIgnoreCase("current_timestamp")) {
            String fn = actual.toLowerCase(Locale.ROOT).replace("()", "");
            return fn.equals("current_timestamp") || fn.equals("now");
        }
        return text.equals(actual);
    }

    /** Which attributes of the target's column differ from the model's, or null when it is identical. */
    static String difference(Dialect dialect, ColumnDefinition expected, TargetCatalog.ActualColumn actual) {
        StringBuilder differs = new StringBuilder();
        if (!sameType(dialect, expected.columnType(), actual.type())) {
            differs.append("type");
        }
        if (expected.nullable() != actual.nullable()) {
            differs.append(differs.isEmpty() ? "" : ", ").append("nullability");
        }
        if (!sameDefault(expected.defaultValue(), actual.defaultExpression())) {
            differs.append(differs.isEmpty() ? "" : ", ").append("default");
        }
        if (expected.primaryKey() != actual.primaryKey()) {
            differs.append(differs.isEmpty() ? "" : ", ").append("primary key");
        }
        return differs.isEmpty() ? null : differs.toString();
    }

    /**
     * The spellings a target's catalogue uses for a portable type, as our DDL declares it (see
     * {@link DdlRenderer}) and, where the database treats them alike, as a person would write it.
     */
    private static Set<String> typeSpellings(Dialect dialect, ColumnType type) {
        String precision = type.length() + "," + type.scale();
        return switch (dialect) {
            case POSTGRESQL -> Set.of(switch (type.base()) {
                case "varchar" -> "character varying(" + type.length() + ")";
                case "numeric" -> "numeric(" + precision + ")";
                case "timestamp" -> "timestamp without time zone";
                default -> type.base();
            });
            case MARIADB, MYSQL -> switch (type.base()) {
                case "integer" -> Set.of("int");
                case "text", "json" -> Set.of("longtext", "json");
                case "varchar" -> Set.of("varchar(" + type.length() + ")");
                case "boolean" -> Set.of("tinyint(1)");
                case "numeric" -> Set.of("decimal(" + precision + ")");
                case "uuid" -> Set.of("varchar(36)");
                default -> Set.of(type.base());
            };
            // SQLite keeps the declared text; these pairs share one type affinity
            case SQLITE -> switch (type.base()) {
                case "integer" -> Set.of("int", "integer");
                case "bigint" -> Set.of("int8", "bigint");
                case "text" -> Set.of("clob", "text");
                case "json" -> Set.of("clob");
                case "varchar" -> Set.of("varchar(" + type.length() + ")");
                case "numeric" -> Set.of("numeric(" + precision + ")", "decimal(" + precision + ")");
                case "timestamp" -> Set.of("datetime", "timestamp");
                case "uuid" -> Set.of("varchar(36)");
                default -> Set.of(type.base());
            };
        };
    }

    static String normalizeType(Dialect dialect, String actual) {
        String type = actual.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replaceAll("\\s*([(),])\\s*", "$1").strip();
        if (dialect == Dialect.MARIADB || dialect == Dialect.MYSQL) {
            Matcher width = DISPLAY_WIDTH.matcher(type);
            // int(11) is display width, not size; tinyint(1) is how MariaDB/MySQL spell boolean
            if (width.matches() && !(width.group(1).equals("tinyint") && width.group(2).equals("1"))) {
                return width.group(1) + width.group(3);
            }
        }
        return type;
    }

    /**
     * The value of a catalogue's default expression when it is a literal ({@code 'it''s'::text},
     * {@code (cast(1.5 as decimal))}, {@code '-5'::integer}), the expression itself otherwise, and null
     * for no default (MariaDB spells "no default" of a nullable column {@code NULL}).
     */
    static String literal(String expression) {
        if (expression == null) {
            return null;
        }
        String value = expression.strip();
        while (value.startsWith("(") && value.endsWith(")")) {
            value = value.substring(1, value.length() - 1).strip();
        }
        Matcher cast = CAST.matcher(value);
        if (cast.matches()) {
            return literal(cast.group(1));
        }
        Matcher quoted = QUOTED.matcher(value);
        if (quoted.matches()) {
            return quoted.group(1).replace("''", "'");
        }
        Matcher number = NUMBER_CAST.matcher(value);
        if (number.matches()) {
            return number.group(1);
        }
        return value.equalsIgnoreCase("null") ? null : value;
    }

}
