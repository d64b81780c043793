package io.hybridlicense.schemasync.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.TestTargets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Defaults are checked before queueing, expression defaults stay expressions, and type changes convert values. */
@QuarkusTest
class ColumnValuesTest {

    @Test
    void aDefaultThatDoesNotFitItsType_isA400NamingTheField_andNothingIsQueued() {
        Api api = Api.asNewUser();
        String ds = api.register(TestTargets.postgresql());
        String tableId = api.request().header("Prefer", "wait=10").body(Map.of("name", "typed", "columns",
                        List.of(Map.of("name", "id", "type", "bigint", "primaryKey", true), Api.column("flag", "boolean"))))
                .post("/api/v1/datasources/" + ds + "/tables").then().statusCode(202).body("status", equalTo("synced"))
                .extract().path("tableId");

        List<Map<String, Object>> misfits = List.of(
                Map.of("name", "a", "type", "boolean", "default", 5),
                Map.of("name", "b", "type", "numeric(4,2)", "default", 123.5),
                Map.of("name", "c", "type", "varchar(3)", "default", "toolong"),
                Map.of("name", "d", "type", "integer", "default", 98765432109L),
                Map.of("name", "e", "type", "date", "default", "2026-02-30"),
                Map.of("name", "f", "type", "timestamp", "default", "tomorrow noon"));
        for (Map<String, Object> column : misfits) {
            JsonPath problem = api.request().body(column).post("/api/v1/tables/" + tableId + "/columns")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:hybrid-license:problem:invalid-definition"))
                    .body("errors[0].field", equalTo("default"))
                    .extract().jsonPath();
            assertThat(problem.getString("detail") + problem.getString("errors[0].message"))
                    .doesNotContain(String.valueOf(column.get("default"))).doesNotContain("Exception");
        }
        api.request().body(Map.of("default", 5)).patch("/api/v1/tables/" + tableId + "/columns/flag")
                .then().statusCode(400).body("errors[0].field", equalTo("default"));
        api.request().body(Map.of("name", "other", "columns", List.of(Api.column("ok", "text"),
                        Map.of("name", "bad", "type", "boolean", "default", "maybe"))))
                .post("/api/v1/datasources/" + ds + "/tables")
                .then().statusCode(400).body("errors[0].field", equalTo("columns[1].default"));

        JsonPath table = api.table(tableId);
        assertThat(table.getInt("version")).isEqualTo(1);
        assertThat(table.getString("status")).isEqualTo("synced");
        assertThat(api.events(tableId)).hasSize(2);
        assertThat(api.request().get("/api/v1/datasources/" + ds + "/tables").then().extract().jsonPath()
                .getList("name")).containsExactly("typed");
    }

    @Test
    void postgresqlTypeChange_convertsValuesThatConvert_andTheDatabaseRejectsThoseThatWouldBeLost() {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.postgresql();
        String ds = api.register(target);
        String digits = createSynced(api, ds, "digits");
        String words = createSynced(api, ds, "words");
        target.execute("INSERT INTO digits (id, code) VALUES (1, '12'), (2, '34')");
        target.execute("INSERT INTO words (id, code) VALUES (1, '12'), (2, 'abc')");

        api.request().header("Prefer", "wait=10").body(Map.of("type", "integer"))
                .patch("/api/v1/tables/" + digits + "/columns/code").then().statusCode(202).body("status", equalTo("synced"));
        assertThat(target.describe("digits")).contains("code integer yes -");
        assertThat(values(target, "SELECT code FROM digits ORDER BY code")).containsExactly("12", "34");

        api.request().header("Prefer", "wait=10").body(Map.of("type", "integer"))
                .patch("/api/v1/tables/" + words + "/columns/code").then().statusCode(202).body("status", equalTo("rejected"));
        JsonPath rejected = api.table(words);
        assertThat(rejected.getString("lastError")).startsWith("target-rejected").contains("22P02");
        assertThat(rejected.getString("columns.find { it.name == 'code' }.type")).isEqualTo("text");
        assertThat(target.describe("words")).contains("code text yes -");
        assertThat(values(target, "SELECT code FROM words ORDER BY code")).containsExactly("12", "abc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "sqlite"})
    void currentTimestamp_isAnExpressionDefault_evaluatedForEachRow(String kind) {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.of(kind, api);
        String ds = api.register(target);
        String tableId = createSynced(api, ds, "stamped");
        api.request().header("Prefer", "wait=10")
                .body(Map.of("name", "seen_at", "type", "timestamp", "default", "current_timestamp"))
                .post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202).body("status", equalTo("synced"));
        assertThat(api.table(tableId).getString("columns.find { it.name == 'seen_at' }.default")).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(target.describe("stamped")).anySatisfy(column ->
                assertThat(column).startsWith("seen_at ").containsPattern("current_timestamp(\\(\\))?$"));

        target.execute("INSERT INTO stamped (id) VALUES (1)");
        LocalDateTime first = LocalDateTime.parse(values(target, "SELECT seen_at FROM stamped WHERE id = 1").get(0)
                .substring(0, 19).replace(' ', 'T'));
        assertThat(List.of(LocalDateTime.now(), LocalDateTime.now(ZoneOffset.UTC)))
                .anySatisfy(now -> assertThat(Duration.between(first, now).abs()).isLessThan(Duration.ofMinutes(5)));
        // a frozen constant would give every row the same moment: the second row is inserted a second later
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            target.execute("DELETE FROM stamped WHERE id = 2");
            target.execute("INSERT INTO stamped (id) VALUES (2)");
            return values(target, "SELECT seen_at FROM stamped WHERE id = 2").get(0).substring(0, 19)
                    .compareTo(values(target, "SELECT seen_at FROM stamped WHERE id = 1").get(0).substring(0, 19)) > 0;
        });
    }

    @Test
    void aTypeChange_thatWouldCarryTheTimestampExpressionIntoText_isRefused() {
        Api api = Api.asNewUser();
        String ds = api.register(TestTargets.postgresql());
        String tableId = createSynced(api, ds, "moments");
        api.request().header("Prefer", "wait=10").body(Map.of("name", "at", "type", "timestamp", "default", "CURRENT_TIMESTAMP"))
                .post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202);
        api.request().body(Map.of("type", "text")).patch("/api/v1/tables/" + tableId + "/columns/at")
                .then().statusCode(400).body("detail", containsString("CURRENT_TIMESTAMP"))
                .body("errors[0].field", equalTo("default"));
        api.request().header("Prefer", "wait=10").body(Map.of("type", "text", "dropDefault", true))
                .patch("/api/v1/tables/" + tableId + "/columns/at").then().statusCode(202).body("status", not("rejected"));
    }

    private static String createSynced(Api api, String ds, String name) {
        return api.request().header("Prefer", "wait=10").body(Map.of("name", name, "columns",
                        List.of(Map.of("name", "id", "type", "integer", "primaryKey", true), Api.column("code", "text"))))
                .post("/api/v1/datasources/" + ds + "/tables").then().statusCode(202).body("status", equalTo("synced"))
                .extract().path("tableId");
    }

    private static List<String> values(TestTargets.Target target, String query) {
        try (Connection c = target.connect(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
