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
