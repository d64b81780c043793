package io.hybridlicense.schemasync.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.TestTargets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of change on every kind of target, checked in the target's own catalogue. */
@QuarkusTest
class SchemaChangeLifecycleTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "sqlite"})
    void everyChange_reachesTheTargetsCatalogue(String kind) {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.of(kind, api);
        String ds = api.register(target);

        String tableId = api.createTable(ds, Map.of("name", "orders"));
        JsonPath created = api.synced(tableId);
        assertThat(created.getInt("version")).isEqualTo(1);
        assertThat(created.getInt("syncedVersion")).isEqualTo(1);
        assertThat(target.columns("orders")).containsExactly("id", "name", "created_at", "updated_at");

        api.request().header("If-Match", "\"1\"").body(Map.of("name", "amount", "type", "numeric(10,2)", "default", 0))
                .post("/api/v1/tables/" + tableId + "/columns")
                .then().statusCode(202).header("Location", endsWith("/api/v1/tables/" + tableId)).header("ETag", "\"2\"")
                .body("version", equalTo(2));
        api.synced(tableId);
        assertThat(target.columns("orders")).contains("amount");

        String alter = kind.equals("sqlite") ? "{\"name\": \"total\"}" : "{\"name\": \"total\", \"type\": \"numeric(12,2)\", \"nullable\": false}";
        api.request().body(alter).patch("/api/v1/tables/" + tableId + "/columns/amount")
                .then().statusCode(202).body("version", equalTo(3));
        api.synced(tableId);
        assertThat(target.columns("orders")).contains("total").doesNotContain("amount");
        if (!kind.equals("sqlite")) {
            assertThat(target.describe("orders")).anyMatch(c -> c.startsWith("total ") && c.contains("12,2") && c.contains(" no "));
            // MariaDB restates the whole column for a type change, which drops the default: it must be restored
            assertThat(target.describe("orders")).anyMatch(c -> c.startsWith("total ") && !c.endsWith(" -"));
        }

        api.request().delete("/api/v1/tables/" + tableId + "/columns/name").then().statusCode(202).body("version", equalTo(4));
        api.synced(tableId);
        assertThat(target.columns("orders")).doesNotContain("name");

        api.request().body(Map.of("name", "purchases")).patch("/api/v1/tables/" + tableId)
                .then().statusCode(202).body("version", equalTo(5));
        JsonPath renamed = api.synced(tableId);
        assertThat(renamed.getString("name")).isEqualTo("purchases");
        assertThat(target.tables()).contains("purchases").doesNotContain("orders");
        assertThat(target.columns("purchases")).containsExactly("id", "created_at", "updated_at", "total");

        api.request().delete("/api/v1/tables/" + tableId).then().statusCode(202).body("version", equalTo(6));
        JsonPath dropped = api.settled(tableId);
        assertThat(dropped.getString("status")).isEqualTo("dropped");
        assertThat(target.tables()).doesNotContain("purchases");

        List<Map<String, Object>> history = api.events(tableId);
        assertThat(history).extracting(e -> e.get("type")).containsExactly(
                "TableCreationRequested", "ChangeConfirmed", "ColumnAdditionRequested", "ChangeConfirmed",
                "ColumnAlterationRequested", "ChangeConfirmed", "ColumnDropRequested", "ChangeConfirmed",
                "TableRenameRequested", "ChangeConfirmed", "TableDropRequested", "ChangeConfirmed");
    }
}
