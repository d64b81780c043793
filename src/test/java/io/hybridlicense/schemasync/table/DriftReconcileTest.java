package io.hybridlicense.schemasync.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.TestTargets;
import io.hybridlicense.testing.Concurrently;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A table changed behind the model's back: the drift check finds it and records it, changes are
 * refused while it stands, and each reconcile strategy ends it: {@code adopt} takes the database's
 * shape as the model, {@code apply} brings the database back to the model.
 */
@QuarkusTest
class DriftReconcileTest {

    private static final List<Map<String, Object>> SHAPE = List.of(
            Map.of("name", "id", "type", "bigint", "primaryKey", true),
            Map.of("name", "title", "type", "varchar(20)"));

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "sqlite"})
    void aColumnAddedBehindOurBack_isDrift_refusesChanges_andIsAdopted(String kind) throws Exception {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.of(kind, api);
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "drifting", "columns", SHAPE));
        api.synced(tableId);
        target.execute("ALTER TABLE drifting ADD COLUMN extra integer");
        target.execute("CREATE TABLE stranger (id integer)");

        String drift = "/api/v1/datasources/" + ds + "/drift";
        // GET compares and records nothing, however often; POST records the finding once
        for (int i = 0; i < 2; i++) {
            api.request().get(drift).then().statusCode(200).body("tables[0].drift.kind", hasItem("extra-column"));
        }
        assertThat(api.events(tableId)).extracting(e -> e.get("type")).containsExactly("TableCreationRequested", "ChangeConfirmed");
        assertThat(api.table(tableId).getList("drift")).isEmpty();
        JsonPath report = api.request().post(drift).then().statusCode(200).extract().jsonPath();
        api.request().post(drift).then().statusCode(200);

        assertThat(report.getBoolean("inSync")).isFalse();
        assertThat(report.getList("extraTables")).containsExactly("stranger");
        assertThat(report.getList("tables[0].drift.kind")).containsExactly("extra-column");
        assertThat(report.getString("tables[0].drift[0].column")).isEqualTo("extra");
        assertThat(api.table(tableId).getList("drift.kind")).containsExactly("extra-column");
        api.request().body(Api.column("refused", "integer")).post("/api/v1/tables/" + tableId + "/columns")
                .then().statusCode(409).contentType("application/problem+json").body("type", containsString("drifted"));
        api.request().body(Map.of("toVersion", 1)).post("/api/v1/tables/" + tableId + "/revert")
                .then().statusCode(409).body("type", containsString("drifted"));

        List<Integer> adopted = Concurrently.run(3, i -> api.request().body(Map.of("strategy", "adopt"))
                .post("/api/v1/tables/" + tableId + "/reconcile").then().extract().statusCode());

        assertThat(adopted).containsExactlyInAnyOrder(200, 409, 409);
        JsonPath table = api.table(tableId);
        assertThat(table.getString("status")).isEqualTo("synced");
        assertThat(table.getList("columns.name")).containsExactly("id", "title", "extra");
        assertThat(table.getList("drift")).isEmpty();
        assertThat(table.getInt("version")).isEqualTo(2);
        assertThat(api.events(tableId)).extracting(e -> e.get("type"))
                .containsExactly("TableCreationRequested", "ChangeConfirmed", "DriftDetected", "DriftAdopted");
        api.request().body(Api.column("later", "integer")).post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202);
        api.synced(tableId);
        assertThat(target.columns("drifting")).containsExactly("id", "title", "extra", "later");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "sqlite"})
    void drift_isApplied_backToTheModel_onlyWithAllowDataLoss(String kind) {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.of(kind, api);
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "restored", "columns", SHAPE));
        api.synced(tableId);
        List<String> modelShape = target.describe("restored");
        target.execute("ALTER TABLE restored ADD COLUMN extra integer");
        if (!"sqlite".equals(kind)) {
            target.execute("mariadb".equals(kind) ? "ALTER TABLE restored MODIFY title varchar(50)"
                    : "ALTER TABLE restored ALTER COLUMN title TYPE varchar(50)");
        }
        target.execute("INSERT INTO restored (id, title, extra) VALUES (1, 'kept', 7)");
        api.request().post("/api/v1/datasources/" + ds + "/drift").then().statusCode(200);

        JsonPath refused = api.request().body(Map.of("strategy", "apply")).post("/api/v1/tables/" + tableId + "/reconcile")
                .then().statusCode(422).contentType("application/problem+json").extract().jsonPath();
        assertThat(refused.getString("type")).contains("data-loss");
        assertThat(refused.getList("errors.field")).contains("columns.extra");
        if (!"sqlite".equals(kind)) {
            assertThat(refused.getList("errors.field")).contains("columns.title");
        }
        assertThat(target.columns("restored")).containsExactly("id", "title", "extra");

        api.request().body(Map.of("strategy", "apply", "allowDataLoss", true)).post("/api/v1/tables/" + tableId + "/reconcile")
                .then().log().ifValidationFails().statusCode(202);

        JsonPath table = api.synced(tableId);
        assertThat(table.getList("drift")).isEmpty();
        assertThat(target.describe("restored")).isEqualTo(modelShape);
        assertThat(api.events(tableId)).extracting(e -> e.get("type")).contains("ReconcileRequested");
        api.request().get("/api/v1/datasources/" + ds + "/drift").then().statusCode(200).body("inSync", org.hamcrest.Matchers.is(true));
        api.request().body(Api.column("added_later", "integer")).post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "sqlite"})
    void aTableDroppedBehindOurBack_isMissing_andApplyCreatesItAgain(String kind) {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.of(kind, api);
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "vanished", "columns", SHAPE));
        api.synced(tableId);
        target.execute("DROP TABLE vanished");

        api.request().get("/api/v1/datasources/" + ds + "/drift").then().statusCode(200)
                .body("tables[0].drift.kind", hasItem("missing-table"));
        api.request().body(Map.of("strategy", "apply")).post("/api/v1/tables/" + tableId + "/reconcile").then().statusCode(202);

        api.synced(tableId);
        assertThat(target.columns("vanished")).containsExactly("id", "title");
    }
}
