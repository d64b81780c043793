package io.hybridlicense.schemasync.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A portable column type: {@code integer}, {@code bigint}, {@code text}, {@code varchar(n)},
 * {@code boolean}, {@code numeric(p,s)}, {@code timestamp}, {@code date}, {@code uuid}, {@code json}.
 *
 * @param base   the type without arguments
 * @param length {@code n} of varchar, {@code p} of numeric, else 0
 * @param scale  {@code s} of numeric, else 0
 */
public record ColumnType(String base, int length, int scale) {

    private static final Pattern FORM = Pattern.compile(
            "(integer|bigint|text|boolean|timestamp|date|uuid|json)|varchar\\((\\d{1,5})\\)|numeric\\((\\d{1,2}) ?, ?(\\d{1,2})\\)");
    static final int MAX_VARCHAR = 16_383;
    static final int MAX_PRECISION = 38;

    public static ColumnType parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text.trim().toLowerCase(java.util.Locale.ROOT));
        if (m == null || !m.matches()) {
            throw new ChangeRefused(ChangeRefused.Reason.INVALID_DEFINITION, "Unknown column type; use one of integer, "
                    + "bigint, text, varchar(n), boolean, numeric(p,s), timestamp, date, uuid, json");
        }
        if (m.group(1) != null) {
            return new ColumnType(m.group(1), 0, 0);
        }
        if (m.group(2) != null) {
            int length = Integer.parseInt(m.group(2));
            require(length >= 1 && length <= MAX_VARCHAR, "varchar length must be between 1 and " + MAX_VARCHAR);
            return new ColumnType("varchar", length, 0);
        }
        int precision = Integer.parseInt(m.group(3));
        int scale = Integer.parseInt(m.group(4));
        require(precision >= 1 && precision <= MAX_PRECISION && scale <= precision,
                "numeric(p,s) needs 1 <= p <= " + MAX_PRECISION + " and s <= p");
        return new ColumnType("numeric", precision, scale);
    }

    /** Prefix of a type kept as the user's database spells it, because it has no portable equivalent. */
    public static final String NATIVE = "native:";

    /**
     * A type as stored in the model: a portable one, or {@code native:<type>} for an imported column
     * whose type has no portable equivalent (never accepted from a request: {@link #parse} refuses it).
     */
    public static ColumnType ofStored(String canonical) {
        return canonical != null && canonical.startsWith(NATIVE) ? new ColumnType(canonical, 0, 0) : parse(canonical);
    }

    /** A column of this type can be renamed or dropped, never altered, added or created by schemasync. */
    public boolean isNative() {
        return base.startsWith(NATIVE);
    }

    /**
     * Whether every value of this type is a value of {@code wider} as well, so that changing a column
     * from this type to that one loses nothing.
     */
    public boolean fitsInto(ColumnType wider) {
        if (equals(wider)) {
            return true;
        }
        if (isNative() || wider.isNative()) {
            return false;
        }
        if (wider.base.equals("text")) {
            return true; // every portable value has a text form
        }
        return switch (base) {
            case "integer" -> wider.base.equals("bigint") || wider.base.equals("numeric") && wider.length - wider.scale >= 10;
            case "bigint" -> wider.base.equals("numeric") && wider.length - wider.scale >= 19;
            case "varchar" -> wider.base.equals("varchar") && wider.length >= length;
            case "numeric" -> wider.base.equals("numeric") && wider.scale >= scale && wider.length - wider.scale >= length - scale;
            case "date" -> wider.base.equals("timestamp");
            case "uuid" -> wider.base.equals("varchar") && wider.length >= 36;
            default -> false;
        };
    }

    /** Text-like types cannot be keys on MariaDB/MySQL without a prefix length. */
    public boolean isUnboundedText() {
        return base.equals("text") || base.equals("json");
    }

    @Override
    public String toString() {
        return switch (base) {
            case "varchar" -> "varchar(" + length + ")";
            case "numeric" -> "numeric(" + length + "," + scale + ")";
            default -> base;
        };
    }

    private static void require(boolean condition, String detail) {
        if (!condition) {
            throw new ChangeRefused(ChangeRefused.Reason.INVALID_DEFINITION, detail);
        }
    }
}
