package io.hybridlicense.schemasync.table;


import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.TestTargets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every type change keeps every value exactly or is refused with the data untouched: per dialect (and
 * a MariaDB server that is not strict), one table per case holding a value just inside or just outside
 * what the new type holds exactly, every change requested at once, then every value read back.
 */
@QuarkusTest
class TypeChangeValuesTest {

    /**
     * A column of type {@code from} holding {@code value} (an SQL literal) changed to {@code to}; refused
     * on the dialects whose letter is in {@code refusedOn} (P PostgreSQL, M MariaDB, S SQLite), kept
     * exactly on the others. {@code to} "not null" changes the nullability instead.
     */
    record Case(String from, String to, String value, String refusedOn) {

        boolean refusedOn(String kind) {
            return refusedOn.contains(kind.substring(0, 1).toUpperCase(Locale.ROOT).replace("L", "M"));
        }
    }

    private static final List<Case> CASES = List.of(
            // text to shorter text: the length counts every character, trailing spaces too
            new Case("varchar(100)", "varchar(5)", "'abcde'", ""),
            new Case("varchar(100)", "varchar(5)", "'a value longer than five'", "PMS"),
            new Case("varchar(100)", "varchar(5)", "'abcd  '", "PMS"),
            new Case("text", "varchar(3)", "'abc'", ""),
            new Case("text", "varchar(3)", "'abcd'", "PMS"),
            new Case("text", "uuid", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", ""),
            // numeric precision and scale
            new Case("numeric(10,3)", "numeric(10,2)", "1.230", ""),
            new Case("numeric(10,3)", "numeric(10,2)", "1.235", "PMS"),
            new Case("numeric(10,2)", "numeric(5,2)", "999.99", ""),
            new Case("numeric(10,2)", "numeric(5,2)", "1000.00", "PMS"),
            new Case("numeric(10,2)", "numeric(5,2)", "-1000.00", "PMS"),
            new Case("integer", "numeric(3,1)", "99", ""),
            new Case("integer", "numeric(3,1)", "100", "PMS"),
            new Case("numeric(10,1)", "integer", "2.0", ""),
            new Case("numeric(10,1)", "integer", "1.5", "PMS"),
            new Case("text", "numeric(5,2)", "'1.5'", ""),
            new Case("text", "numeric(5,2)", "'1.235'", "PMS"),
            // SQLite would keep '1.50' as 1.5 and this one as an approximate number
            new Case("text", "numeric(5,2)", "'1.50'", "S"),
            new Case("text", "numeric(38,0)", "'12345678901234567890123'", "S"),
            // integer widths
            new Case("bigint", "integer", "2147483647", ""),
            new Case("bigint", "integer", "2147483648", "PMS"),
            new Case("bigint", "integer", "-2147483648", ""),
            new Case("bigint", "integer", "-2147483649", "PMS"),
            new Case("text", "integer", "'12'", ""),
            new Case("text", "integer", "'2147483648'", "PMS"),
            new Case("text", "integer", "'012'", "S"),
            new Case("integer", "boolean", "1", ""),
            new Case("integer", "boolean", "2", "PMS"),
            // timestamp precision: a date has no time, MariaDB's timestamp no fraction; SQLite keeps the text as it is
            new Case("timestamp", "date", "'2026-01-01 00:00:00'", ""),
            new Case("timestamp", "date", "'2026-01-01 00:00:01'", "PM"),
            new Case("text", "date", "'2026-01-01'", ""),
            new Case("text", "date", "'2026-01-01 10:00'", "PM"),
            new Case("text", "date", "'today'", "PM"),
            new Case("text", "timestamp", "'2026-01-01 10:00:00'", ""),
            new Case("text", "timestamp", "'2026-01-01 10:00:00.5'", "M"),
            new Case("text", "timestamp", "'2026-01-01 10:00:00.1234567'", "PM"),
            new Case("timestamp", "varchar(19)", "'2026-01-01 10:00:00'", ""),
            new Case("timestamp", "varchar(18)", "'2026-01-01 10:00:00'", "PMS"),
            new Case("boolean", "varchar(3)", "true", "P"),
            new Case("text", "not null", "null", "PMS"));

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "sqlite", "lenient-mariadb"})
    void everyTypeChange_keepsEveryValueExactly_orIsRefusedWithTheDataUntouched(String kind) {
        Api api = Api.asNewUser();
        TestTargets.Target target = kind.equals("lenient-mariadb") ? TestTargets.lenientMariadb() : TestTargets.of(kind, api);
        String ds = api.register(target);
        // one table per case, so that the changes run side by side and a refusal takes no other change with it
        List<String> tables = new ArrayList<>();
        for (int i = 0; i < CASES.size(); i++) {
            tables.add(api.createTable(ds, Map.of("name", "kept" + i, "columns", List.of(
                    Map.of("name", "id", "type", "integer", "primaryKey", true), Api.column("v", CASES.get(i).from())))));
        }
        tables.forEach(api::synced);
        List<String> before = new ArrayList<>();
        for (int i = 0; i < CASES.size(); i++) {
            // a first row that converts: a lenient MariaDB refuses a bad value in the first row of a MyISAM table, not after it
            target.execute("INSERT INTO kept" + i + " VALUES (0, " + (CASES.get(i).to().equals("not null") ? "'x'" : "null") + ")");
            target.execute("INSERT INTO kept" + i + " VALUES (1, " + CASES.get(i).value() + ")");
            before.add(value(target, i));
        }
        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            api.request().body(c.to().equals("not null") ? Map.of("nullable", false) : Map.of("type", c.to()))
                    .patch("/api/v1/tables/" + tables.get(i) + "/columns/v").then().statusCode(202);
        }

        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            JsonPath table = api.settled(tables.get(i));
            String modelType = table.getString("columns.find { it.name == 'v' }.type");
            String value = value(target, i);
            String what = kind + " " + c;
            if (c.refusedOn(kind)) {
                softly.assertThat(table.getString("status")).as(what).isEqualTo("rejected");
                softly.assertThat(table.getString("lastError")).as(what).startsWith("target-rejected")
                        .containsPattern("['\"`]v['\"`]");
                softly.assertThat(modelType).as(what).isEqualTo(c.from());
                softly.assertThat(value).as(what).isEqualTo(before.get(i));
            } else {
                softly.assertThat(table.getString("status")).as(what + " " + table.getString("lastError")).isEqualTo("synced");
                softly.assertThat(modelType).as(what).isEqualTo(c.to().equals("not null") ? c.from() : c.to());
                softly.assertThat(sameValue(c.to(), before.get(i), value)).as(what + ": " + before.get(i) + " -> " + value).isTrue();
            }
        }
        softly.assertAll();
    }

    /** The value read back after the change is the value before it, in the new type's terms. */
    private static boolean sameValue(String type, String before, String after) {
        if (before == null || after == null || before.equals(after)) {
            return java.util.Objects.equals(before, after);
        }
        String base = type.replaceAll("\\(.*", "");
        return switch (base) {
            case "integer", "bigint", "numeric" -> new BigDecimal(before).compareTo(new BigDecimal(after)) == 0;
            case "boolean" -> truth(before).equals(truth(after));
            case "date", "timestamp" -> moment(before).equals(moment(after));
            default -> before.equals(after);
        };
    }

    private static Boolean truth(String value) {
        return Set.of("t", "true", "1").contains(value.toLowerCase(Locale.ROOT)) ? Boolean.TRUE
                : Set.of("f", "false", "0").contains(value.toLowerCase(Locale.ROOT)) ? Boolean.FALSE : null;
    }

    private static LocalDateTime moment(String value) {
        String text = value.replace('T', ' ');
        return LocalDateTime.parse(text.length() == 10 ? text + "T00:00:00" : text.replace(' ', 'T'));
    }

    private static String value(TestTargets.Target target, int table) {
        try (Connection c = target.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT v FROM kept" + table + " WHERE id = 1")) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
