package io.hybridlicense.schemasync.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.TestTargets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Revert brings a table back to its shape at a version, as one change, and names the columns it would lose. */
@QuarkusTest
class RevertTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "sqlite"})
    void revertAcrossAddAlterAndDrop_needsAllowDataLoss_thenRestoresTheShape(String kind) {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.of(kind, api);
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "timeline", "columns", List.of(
                Map.of("name", "id", "type", "bigint", "primaryKey", true),
                Map.of("name", "title", "type", "varchar(20)"),
                Map.of("name", "note", "type", "text"))));
        api.synced(tableId);
        List<String> atVersion1 = target.describe("timeline");
        change(api, tableId, "post", "/columns", Api.column("qty", "integer"));
        // SQLite cannot alter a type in place: there the alteration is a rename
        boolean sqlite = "sqlite".equals(kind);
        change(api, tableId, "patch", "/columns/title", sqlite ? Map.of("name", "headline") : Map.of("type", "varchar(50)"));
        change(api, tableId, "delete", "/columns/note", null);
        assertThat(api.synced(tableId).getInt("version")).isEqualTo(4);
        target.execute("INSERT INTO timeline (id, " + (sqlite ? "headline" : "title") + ", qty) VALUES (1, 'kept', 3)");

        JsonPath refused = api.request().body(Map.of("toVersion", 1)).post("/api/v1/tables/" + tableId + "/revert")
                .then().statusCode(422).contentType("application/problem+json").extract().jsonPath();

        assertThat(refused.getString("type")).contains("data-loss");
        assertThat(refused.getList("errors.field")).containsExactlyInAnyOrder(
                sqlite ? List.of("columns.qty", "columns.headline").toArray() : List.of("columns.qty", "columns.title").toArray());
        assertThat(api.table(tableId).getInt("version")).isEqualTo(4);

        api.request().body(Map.of("toVersion", 1, "allowDataLoss", true)).post("/api/v1/tables/" + tableId + "/revert")
                .then().statusCode(202).header("ETag", containsString("5"));

        JsonPath table = api.synced(tableId);
        assertThat(table.getInt("version")).isEqualTo(5);
        assertThat(table.getList("columns.name")).containsExactlyInAnyOrder("id", "title", "note");
        assertThat(target.describe("timeline")).containsExactlyInAnyOrderElementsOf(atVersion1);
        assertThat(api.events(tableId)).extracting(e -> e.get("type")).contains("RevertRequested");
        assertThat(api.request().get("/api/v1/datasources/" + ds + "/drift").then().statusCode(200).extract().jsonPath()
                .getBoolean("inSync")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql"})
    void revertWithoutLoss_needsNoPermission_andBadVersionsAreRefused(String kind) {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.of(kind, api);
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "widening", "columns", List.of(
                Map.of("name", "id", "type", "bigint", "primaryKey", true), Map.of("name", "title", "type", "varchar(50)"))));
        api.synced(tableId);
        change(api, tableId, "patch", "/columns/title", Map.of("type", "varchar(20)"));
        api.synced(tableId);

        api.request().body(Map.of("toVersion", 9)).post("/api/v1/tables/" + tableId + "/revert").then().statusCode(400);
        api.request().body(Map.of("toVersion", 0)).post("/api/v1/tables/" + tableId + "/revert").then().statusCode(400);
        api.request().body(Map.of("toVersion", 2)).post("/api/v1/tables/" + tableId + "/revert").then().statusCode(400);
        api.request().body(Map.of("toVersion", 1)).post("/api/v1/tables/" + tableId + "/revert").then().statusCode(202);

        assertThat(api.synced(tableId).getString("columns[1].type")).isEqualTo("varchar(50)");
        assertThat(target.describe("widening")).anyMatch(column -> column.startsWith("title character varying(50)"));
    }

    private static void change(Api api, String tableId, String method, String path, Map<String, Object> body) {
        var request = body == null ? api.request() : api.request().body(body);
        var response = switch (method) {
            case "post" -> request.post("/api/v1/tables/" + tableId + path);
            case "patch" -> request.patch("/api/v1/tables/" + tableId + path);
            default -> request.delete("/api/v1/tables/" + tableId + path);
        };
        response.then().statusCode(202);
        api.synced(tableId);
    }
}
