package io.hybridlicense.schemasync.target;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.round;
import static org.jooq.impl.DSL.table;

import io.hybridlicense.schemasync.domain.ColumnType;
import io.hybridlicense.schemasync.domain.Dialect;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * A type change keeps every stored value exactly, or it is refused before anything changes. The
 * databases' own conversions do not promise that: PostgreSQL's {@code USING cast(…)} cuts text to the
 * new length, rounds numbers to the new scale or to an integer, drops the time of a timestamp that
 * becomes a date and turns {@code 'today'} into the date of the DDL; MariaDB/MySQL round and cut the
 * same way even in strict mode (only what overflows is an error there); SQLite keeps any value but
 * turns text into a number when its type affinity says so, keeping only 15 significant digits.
 *
 * <p>So a narrowing change first counts, under a lock that keeps writers out until the ALTER is done,
 * the values the new type cannot hold exactly: longer text, more digits or decimals, integers out of
 * range, booleans other than 0 and 1, dates with a time, relative words. Any such value rejects the
 * change for good ({@code target-rejected}) naming the column. A widening ({@link ColumnType#fitsInto})
 * needs no check. SQLite's rebuild is also compared row by row with the table it copies.
 */
final class ExactValues {

    /** Statements starting so are checks: they answer the number of values that would not be kept. */
    private static final String CHECK = "/* exact values */ ";
    private static final Set<String> NUMBERS = Set.of("integer", "bigint", "numeric");
    private static final Set<String> TEXTS = Set.of("text", "varchar", "json");

    private ExactValues() {
    }

    static boolean isCheck(String statement) {
        return statement.startsWith(CHECK);
    }

    /** Runs a check: any value it counts rejects the change; the database has not changed yet. */
    static void requireNone(Statement statement, String check) throws SQLException, ChangeFailure {
        try (ResultSet answer = statement.executeQuery(check)) {
            long lost = answer.next() ? answer.getLong(1) : 0;
            if (lost > 0) {
                throw ChangeFailure.permanent("target-rejected", answer.getString(2) + " holds " + lost
                        + " value(s) that " + answer.getString(3) + "; nothing was changed");
            }
        }
    }

    /**
     * The statements of an in-place type change of {@code column} (PostgreSQL, MariaDB/MySQL) with its
     * guard around them: the table locked (PostgreSQL until the commit, MariaDB/MySQL until
     * {@code unlock tables}), then the check, then {@code change}.
     */
    static List<String> guard(DSLContext sql, Dialect dialect, String table, String column, ColumnType from, ColumnType to,
                              List<String> change) {
        Condition fits = fits(dialect, field(name(column)), from, to);
        if (fits == null) {
            return change;
        }
        boolean mysqlFamily = dialect == Dialect.MARIADB || dialect == Dialect.MYSQL;
        List<String> statements = new ArrayList<>();
        statements.add(mysqlFamily ? sql.query("lock tables {0} write", name(table)).getSQL()
                : sql.query("lock table {0} in access exclusive mode", name(table)).getSQL());
        statements.add(lossQuery(sql, table, column, to, fits));
        statements.addAll(change);
        if (mysqlFamily) {
            statements.add("unlock tables");
        }
        return statements;
    }

    /** The check alone (SQLite, whose rebuild runs in the attempt's one transaction), or null after a widening. */
    static String check(DSLContext sql, Dialect dialect, String table, String column, ColumnType from, ColumnType to) {
        Condition fits = fits(dialect, field(name(column)), from, to);
        return fits == null ? null : lossQuery(sql, table, column, to, fits);
    }

    /**
     * SQLite: every value of {@code column} in the rebuilt table {@code copy} is the value of the same
     * row (rowid) in {@code table}: the same storage class and value, a number from text that reads
     * back as that text ({@code '12'} → 12, not {@code '1.50'} → 1.5), or text from a number that reads
     * back as that number.
     */
    static String sqliteCopyCheck(DSLContext sql, String table, String copy, String column, ColumnType to) {
        Field<Object> before = field(name("o", column));
        Field<Object> after = field(name("n", column));
        Field<String> beforeClass = DSL.field("typeof({0})", String.class, before);
        Field<String> afterClass = DSL.field("typeof({0})", String.class, after);
        Condition kept = beforeClass.eq(afterClass).and(after.isNotDistinctFrom(before))
                .or(beforeClass.in("integer", "real").and(afterClass.in("integer", "real")).and(after.eq(before)))
                .or(beforeClass.eq("text").and(afterClass.in("integer", "real")).and(after.cast(SQLDataType.VARCHAR).eq(before.cast(SQLDataType.VARCHAR))))
                .or(afterClass.eq("text").and(beforeClass.in("integer", "real")).and(after.cast(SQLDataType.NUMERIC).coerce(Object.class).eq(before)));
        return CHECK + sql.select(count(), inline(subject(table, column)), inline("SQLite's copy as " + to + " would not keep exactly"))
                .from(table(name(copy)).as("n")).join(table(name(table)).as("o"))
                .on(field(name("n", "rowid")).eq(field(name("o", "rowid"))))
                .where(kept.not()).getSQL();
    }

    private static String lossQuery(DSLContext sql, String table, String column, ColumnType to, Condition fits) {
        return CHECK + sql.select(count(), inline(subject(table, column)), inline(to + " cannot hold exactly"))
                .from(table(name(table))).where(field(name(column)).isNotNull().and(fits.not())).getSQL();
    }

    private static String subject(String table, String column) {
        return "Column '" + column + "' of '" + table + "'";
    }

    /**
     * The condition a value of {@code from} meets when {@code to} holds it exactly, or null when every
     * value fits (a widening) or the database's own conversion refuses whatever it cannot keep. A value
     * for which it is unknown (NULL) passes: the database's conversion then decides.
     */
    private static Condition fits(Dialect dialect, Field<Object> value, ColumnType from, ColumnType to) {
        if (from.fitsInto(to)) {
            return null;
        }
        boolean text = TEXTS.contains(from.base());
        return switch (to.base()) {
            case "varchar" -> DSL.charLength(value.cast(SQLDataType.VARCHAR)).le(inline(to.length()));
            case "uuid" -> dialect == Dialect.POSTGRESQL ? null : fits(dialect, value, from, ColumnType.parse("varchar(36)"));
            case "integer" -> number(dialect, value, from, 0, BigDecimal.valueOf(Integer.MIN_VALUE), BigDecimal.valueOf(Integer.MAX_VALUE));
            case "bigint" -> number(dialect, value, from, 0, BigDecimal.valueOf(Long.MIN_VALUE), BigDecimal.valueOf(Long.MAX_VALUE));
            case "numeric" -> {
                BigDecimal bound = BigDecimal.TEN.pow(to.length() - to.scale()).subtract(BigDecimal.ONE.movePointLeft(to.scale()));
                yield number(dialect, value, from, to.scale(), bound.negate(), bound);
            }
            case "boolean" -> NUMBERS.contains(from.base()) ? value.in(inline(0), inline(1))
                    : text && dialect != Dialect.POSTGRESQL ? value.in(inline("0"), inline("1")) : null;
            case "date" -> date(dialect, value, from);
            case "timestamp" -> text ? timestampFromText(dialect, value) : null;
            default -> null; // text and json hold any text; other targets the database refuses itself
        };
    }

    /** A number with at most {@code scale} decimals between {@code min} and {@code max}; text is read as an unbounded number. */
    private static Condition number(Dialect dialect, Field<Object> value, ColumnType from, int scale, BigDecimal min, BigDecimal max) {
        if (!NUMBERS.contains(from.base()) && !TEXTS.contains(from.base())) {
            return null;
        }
        Field<BigDecimal> number = NUMBERS.contains(from.base()) ? value.coerce(SQLDataType.NUMERIC)
                : value.cast(dialect == Dialect.POSTGRESQL || dialect == Dialect.SQLITE ? SQLDataType.NUMERIC : SQLDataType.DECIMAL(65, 30));
        Condition inRange = number.between(inline(min), inline(max));
        boolean integral = from.base().equals("integer") || from.base().equals("bigint");
        return integral ? inRange : inRange.and(number.eq(round(number, scale)));
    }

    private static Condition date(Dialect dialect, Field<Object> value, ColumnType from) {
        if (dialect == Dialect.SQLITE) {
            return null; // no date type: the copy keeps the text, and the rebuild compares it
        }
        if (from.base().equals("timestamp")) {
            return value.cast(SQLDataType.DATE).coerce(Object.class).eq(value);
        }
        if (!TEXTS.contains(from.base())) {
            return null;
        }
        Condition noTime = value.cast(SQLDataType.DATE).coerce(Object.class)
                .eq(value.cast(dialect == Dialect.POSTGRESQL ? SQLDataType.TIMESTAMP : SQLDataType.TIMESTAMP(6)).coerce(Object.class));
        return dialect == Dialect.POSTGRESQL ? noTime.and(notRelative(value)) : readsAsMoment(value).and(noTime);
    }

    /**
     * PostgreSQL reads up to six decimals of a second (rounding the rest) and words such as
     * {@code today} as the moment of the DDL; MariaDB/MySQL's {@code timestamp} keeps whole seconds.
     */
    private static Condition timestampFromText(Dialect dialect, Field<Object> value) {
        return switch (dialect) {
            case POSTGRESQL -> notRelative(value).and(value.cast(SQLDataType.VARCHAR).likeRegex("\\.[0-9]{7,}").not());
            // not cast(v as datetime) = cast(v as datetime(6)): MariaDB 10.11 answers that wrongly in a WHERE clause
            case MARIADB, MYSQL -> readsAsMoment(value).and(DSL.extract(value.cast(SQLDataType.TIMESTAMP(6)), DatePart.MICROSECOND).eq(0));
            case SQLITE -> null;
        };
    }

    /** MariaDB/MySQL read text that is no date as NULL (with a warning); their strict ALTER would refuse it without naming the column. */
    private static Condition readsAsMoment(Field<Object> value) {
        return value.cast(SQLDataType.TIMESTAMP(6)).isNotNull();
    }

    private static Condition notRelative(Field<Object> value) {
        return lower(value.cast(SQLDataType.VARCHAR)).likeRegex("(now|today|tomorrow|yesterday)").not();
    }
}
