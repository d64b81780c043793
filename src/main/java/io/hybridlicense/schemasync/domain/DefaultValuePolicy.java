package io.hybridlicense.schemasync.domain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A column's default must be a value its type holds on every target of the dialect, checked before
 * anything is queued: a default the user's database would refuse (or silently round, truncate or
 * freeze) would be queued only to be rejected, taking every change queued behind it down.
 *
 * <p>JSON types are strict: numbers for {@code integer}, {@code bigint} and {@code numeric}, booleans
 * for {@code boolean}, strings for the rest. {@value #CURRENT_TIMESTAMP} on a {@code timestamp}
 * column is not a value but the portable expression "the moment the row is inserted".
 */
public final class DefaultValuePolicy {

    /** The expression default of {@code timestamp} columns, in its canonical spelling. */
    public static final String CURRENT_TIMESTAMP = "CURRENT_TIMESTAMP";

    private static final String FIELD = "default";
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final Pattern UUID_FORM = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern TIMESTAMP_FORM = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?");
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DATE).appendPattern(" HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 6, true).optionalEnd()
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    // MariaDB/MySQL TIMESTAMP holds 1970-01-01 00:00:01 to 2038-01-19 03:14:07 UTC in the session's zone:
    // a day of margin on both ends keeps every zone inside
    private static final LocalDateTime MYSQL_TIMESTAMP_FIRST = LocalDateTime.of(1970, 1, 2, 0, 0);
    private static final LocalDateTime MYSQL_TIMESTAMP_LAST = LocalDateTime.of(2038, 1, 18, 0, 0);
    private static final JsonFactory JSON = new JsonFactory();

    private DefaultValuePolicy() {
    }

    /** Whether a column's default is the expression {@value #CURRENT_TIMESTAMP} rather than a value. */
    public static boolean isCurrentTimestamp(ColumnType type, Object value) {
        return type.base().equals("timestamp") && CURRENT_TIMESTAMP.equals(value);
    }

    /**
     * @return the default in canonical form (the expression upper case, a timestamp with a space, a
     *         uuid lower case), or {@code null} for none
     * @throws ChangeRefused {@code INVALID_DEFINITION} naming the field {@code default}, never repeating the value
     */
    static Object requireFits(ColumnType type, Object value, Dialect dialect) {
        if (value == null) {
            return null;
        }
        return switch (type.base()) {
            case "integer" -> whole(value, type, INT_MIN, INT_MAX);
            case "bigint" -> whole(value, type, LONG_MIN, LONG_MAX);
            case "numeric" -> numeric(value, type);
            case "boolean" -> {
                require(value instanceof Boolean, type, "true or false");
                yield value;
            }
            case "text" -> {
                requireString(value, type, "a string");
                yield value;
            }
            case "varchar" -> {
                String text = requireString(value, type, "a string of at most " + type.length() + " characters");
                require(text.codePointCount(0, text.length()) <= type.length(), type,
                        "a string of at most " + type.length() + " characters");
                yield text;
            }
            case "date" -> date(requireString(value, type, "a date yyyy-mm-dd"), type);
            case "timestamp" -> timestamp(requireString(value, type, "a timestamp"), type, dialect);
            case "uuid" -> {
                String text = requireString(value, type, "a uuid");
                require(UUID_FORM.matcher(text).matches(), type, "a uuid such as 123e4567-e89b-12d3-a456-426614174000");
                yield text.toLowerCase(Locale.ROOT);
            }
            case "json" -> {
                require(isJsonDocument(requireString(value, type, "a string holding a JSON document")), type,
                        "a string holding one JSON document");
                yield value;
            }
            default -> throw new IllegalArgumentException("Unknown type " + type);
        };
    }

    private static Object whole(Object value, ColumnType type, BigDecimal min, BigDecimal max) {
        String rule = "a whole number between " + min.toPlainString() + " and " + max.toPlainString();
        require(value instanceof Number, type, rule);
        BigDecimal number = new BigDecimal(value.toString());
        require(number.stripTrailingZeros().scale() <= 0 && number.compareTo(min) >= 0 && number.compareTo(max) <= 0,
                type, rule);
        return value;
    }

    private static Object numeric(Object value, ColumnType type) {
        int integerDigits = type.length() - type.scale();
        String rule = "a number with at most " + integerDigits + " digits before the point and " + type.scale() + " after";
        require(value instanceof Number, type, rule);
        BigDecimal number = new BigDecimal(value.toString()).stripTrailingZeros();
        int scale = Math.max(number.scale(), 0);
        int digitsBeforePoint = Math.max(number.precision() - number.scale(), 0);
        require(scale <= type.scale() && digitsBeforePoint <= integerDigits, type, rule);
        return value;
    }

    private static String date(String text, ColumnType type) {
        try {
            LocalDate date = LocalDate.parse(text, DATE);
            require(date.getYear() >= 1, type, "a date yyyy-mm-dd from year 1 to 9999");
            return text;
        } catch (DateTimeParseException e) {
            throw refused(type, "a date yyyy-mm-dd");
        }
    }

    private static String timestamp(String text, ColumnType type, Dialect dialect) {
        if (text.equalsIgnoreCase(CURRENT_TIMESTAMP)) {
            return CURRENT_TIMESTAMP;
        }
        boolean mysql = dialect == Dialect.MARIADB || dialect == Dialect.MYSQL;
        String rule = mysql ? "CURRENT_TIMESTAMP or a timestamp yyyy-mm-dd hh:mm:ss (whole seconds) between 1970-01-02 "
                + "and 2038-01-18 on " + dialect.apiName()
                : "CURRENT_TIMESTAMP or a timestamp yyyy-mm-dd hh:mm:ss[.ffffff]";
        require(TIMESTAMP_FORM.matcher(text).matches(), type, rule);
        LocalDateTime moment;
        try {
            moment = LocalDateTime.parse(text.replace('T', ' '), TIMESTAMP);
        } catch (DateTimeParseException e) {
            throw refused(type, rule);
        }
        require(moment.getYear() >= 1, type, rule);
        if (mysql) {
            require(moment.getNano() == 0 && !moment.isBefore(MYSQL_TIMESTAMP_FIRST) && !moment.isAfter(MYSQL_TIMESTAMP_LAST),
                    type, rule);
        }
        return moment.format(TIMESTAMP);
    }

    private static boolean isJsonDocument(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static String requireString(Object value, ColumnType type, String rule) {
        require(value instanceof String, type, rule);
        String text = (String) value;
        require(isStorableText(text), type, "text without NUL characters or unpaired surrogates");
        return text;
    }

    /** PostgreSQL text cannot hold NUL, and an unpaired surrogate has no encoding: targets would refuse or alter both. */
    private static boolean isStorableText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static void require(boolean condition, ColumnType type, String rule) {
        if (!condition) {
            throw refused(type, rule);
        }
    }

    private static ChangeRefused refused(ColumnType type, String rule) {
        return new ChangeRefused(ChangeRefused.Reason.INVALID_DEFINITION,
                "The default does not fit the column's type " + type + ": it must be " + rule, FIELD);
    }
}
