package io.hybridlicense.schemasync.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hybridlicense.admin.api.AdminApi;
import io.hybridlicense.admin.api.AuditEntryView;
import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.TestTargets;
import io.hybridlicense.schemasync.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class TableResourceTest {

    @Inject
    AdminApi admin;

    @Test
    void preferWait_answersOnceTheChangeIsConfirmed() {
        Api api = Api.asNewUser();
        String ds = api.register(TestTargets.postgresql());
        String tableId = api.request().header("Prefer", "wait=10").body(Map.of("name", "waited"))
                .post("/api/v1/datasources/" + ds + "/tables")
                .then().statusCode(202).header("Preference-Applied", "wait=10")
                .body("status", equalTo("synced")).body("version", equalTo(1))
                .extract().path("tableId");
        api.request().header("Prefer", "wait=5").get("/api/v1/tables/" + tableId)
                .then().statusCode(200).header("ETag", "\"1\"").body("status", equalTo("synced"));
        api.request().get("/api/v1/datasources/" + ds + "/tables").then().statusCode(200)
                .body("tableId", equalTo(List.of(tableId)));
    }

    @Test
    void staleIfMatch_isA412_andNothingIsQueued() {
        Api api = Api.asNewUser();
        String ds = api.register(TestTargets.postgresql());
        String tableId = api.createTable(ds, Map.of("name", "guarded"));
        api.request().header("If-Match", "\"1\"").header("Prefer", "wait=10").body(Api.column("a", "integer"))
                .post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202).body("version", equalTo(2));

        api.request().header("If-Match", "\"1\"").body(Api.column("b", "integer"))
                .post("/api/v1/tables/" + tableId + "/columns")
                .then().statusCode(412).contentType("application/problem+json").header("ETag", "\"2\"");
        assertThat(api.synced(tableId).getInt("version")).isEqualTo(2);
    }

    @Test
    void twoClientsWithTheSameIfMatch_oneWinsTheOtherGets412() throws Exception {
        Api api = Api.asNewUser();
        String ds = api.register(TestTargets.postgresql());
        String tableId = api.createTable(ds, Map.of("name", "contested"));
        api.synced(tableId);
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (String column : List.of("left_col", "right_col")) {
                answers.add(clients.submit(() -> api.request().header("If-Match", "\"1\"").body(Api.column(column, "integer"))
                        .post("/api/v1/tables/" + tableId + "/columns").then().extract().statusCode()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(202, 412);
        } finally {
            clients.shutdownNow();
        }
        assertThat(api.synced(tableId).getInt("version")).isEqualTo(2);
    }

    @Test
    void historicalStates_areRebuiltFromEvents() {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.postgresql();
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "history", "columns", List.of(Map.of("name", "id", "type", "bigint", "primaryKey", true))));
        api.synced(tableId);
        Instant afterCreation = Instant.now();
        api.request().header("Prefer", "wait=10").body(Api.column("note", "text")).post("/api/v1/tables/" + tableId + "/columns")
                .then().statusCode(202);
        api.request().header("Prefer", "wait=10").body(Map.of("name", "chronicle")).patch("/api/v1/tables/" + tableId)
                .then().statusCode(202);

        JsonPath then = api.request().queryParam("asOf", afterCreation.toString()).get("/api/v1/tables/" + tableId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(then.getString("name")).isEqualTo("history");
        assertThat(then.getList("columns.name")).containsExactly("id");
        assertThat(then.getInt("version")).isEqualTo(1);
        assertThat(then.getString("status")).isEqualTo("synced");

        JsonPath v2 = api.request().queryParam("version", 2).get("/api/v1/tables/" + tableId).then().statusCode(200).extract().jsonPath();
        assertThat(v2.getList("columns.name")).containsExactly("id", "note");
        assertThat(v2.getString("name")).isEqualTo("history");

        JsonPath now = api.table(tableId);
        assertThat(now.getString("name")).isEqualTo("chronicle");
        assertThat(now.getInt("syncedVersion")).isEqualTo(3);

        api.request().queryParam("asOf", "2000-01-01T00:00:00Z").get("/api/v1/tables/" + tableId).then().statusCode(404);
        api.request().queryParam("asOf", "yesterday").get("/api/v1/tables/" + tableId).then().statusCode(400);
        api.request().queryParam("version", "two").get("/api/v1/tables/" + tableId).then().statusCode(400)
                .contentType("application/problem+json");

        assertThat(admin.auditTrailOf("table", tableId)).extracting(AuditEntryView::action).containsExactly(
                "SCHEMA_CHANGE_REQUESTED", "SCHEMA_CHANGE_CONFIRMED", "SCHEMA_CHANGE_REQUESTED", "SCHEMA_CHANGE_CONFIRMED",
                "SCHEMA_CHANGE_REQUESTED", "SCHEMA_CHANGE_CONFIRMED");
    }

    @Test
    void anotherUsersTable_isA404_everywhere() {
        Api owner = Api.asNewUser();
        String ds = owner.register(TestTargets.postgresql());
        String tableId = owner.createTable(ds, Map.of("name", "private"));
        owner.synced(tableId);
        Api stranger = Api.asNewUser();
        String path = "/api/v1/tables/" + tableId;

        stranger.request().get(path).then().statusCode(404).contentType("application/problem+json");
        stranger.request().get(path + "/events").then().statusCode(404);
        stranger.request().body(Api.column("x", "integer")).post(path + "/columns").then().statusCode(404);
        stranger.request().body(Map.of("type", "bigint")).patch(path + "/columns/id").then().statusCode(404);
        stranger.request().delete(path + "/columns/name").then().statusCode(404);
        stranger.request().body(Map.of("name", "stolen")).patch(path).then().statusCode(404);
        stranger.request().delete(path).then().statusCode(404);
        assertThat(owner.table(tableId).getInt("version")).isEqualTo(1);

        new Api(Tokens.forAdmin()).request().get(path).then().statusCode(200).body("name", equalTo("private"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "sqlite"})
    void hostileNames_areA400_andNothingReachesTheTarget(String kind) {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.of(kind, api);
        String ds = api.register(target);
        String reserved = kind.equals("sqlite") ? "pragma" : "select";
        List<String> hostile = List.of("a\"b", "x`y", "t'; DROP TABLE users; --", "x;y", "tablé", "表",
                "a".repeat(64), reserved, "", " spaced", "1starts_with_digit");
        for (String name : hostile) {
            api.request().body(Map.of("name", name)).post("/api/v1/datasources/" + ds + "/tables")
                    .then().statusCode(400).contentType("application/problem+json");
            api.request().body(Map.of("name", "ok", "columns", List.of(Api.column(name, "text"))))
                    .post("/api/v1/datasources/" + ds + "/tables").then().statusCode(400);
        }
        String tableId = api.createTable(ds, Map.of("name", "safe"));
        api.synced(tableId);
        for (String name : hostile) {
            api.request().body(Api.column(name, "text")).post("/api/v1/tables/" + tableId + "/columns").then().statusCode(400);
            api.request().body(Map.of("name", name)).patch("/api/v1/tables/" + tableId).then().statusCode(400);
            api.request().body(Map.of("name", name)).patch("/api/v1/tables/" + tableId + "/columns/name").then().statusCode(400);
        }
        api.request().body(Map.of("name", "x", "type", "text); DROP TABLE safe; --")).post("/api/v1/tables/" + tableId + "/columns")
                .then().statusCode(400);
        api.request().body(Map.of("name", "x", "type", "text", "default", Map.of("nested", 1)))
                .post("/api/v1/tables/" + tableId + "/columns").then().statusCode(400);

        assertThat(target.tables()).containsExactly("safe");
        assertThat(target.columns("safe")).containsExactly("id", "name", "created_at", "updated_at");
        assertThat(api.table(tableId).getInt("version")).isEqualTo(1);
    }

    @Test
    void aChangeTheDialectCannotMake_isA422_beforeAnythingIsQueued() {
        Api api = Api.asNewUser();
        String ds = api.register(TestTargets.sqlite(api));
        String tableId = api.createTable(ds, Map.of("name", "lite"));
        api.synced(tableId);
        api.request().body(Map.of("type", "integer")).patch("/api/v1/tables/" + tableId + "/columns/name")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:hybrid-license:problem:unsupported-change"));
        api.request().body(Map.of("name", "k", "type", "integer", "primaryKey", true)).post("/api/v1/tables/" + tableId + "/columns")
                .then().statusCode(422);
        api.request().delete("/api/v1/tables/" + tableId + "/columns/id").then().statusCode(422);
        api.request().delete("/api/v1/tables/" + tableId + "/columns/nope").then().statusCode(404);
        api.request().body(Api.column("name", "text")).post("/api/v1/tables/" + tableId + "/columns").then().statusCode(409);
        assertThat(api.events(tableId)).hasSize(2);
    }
}
