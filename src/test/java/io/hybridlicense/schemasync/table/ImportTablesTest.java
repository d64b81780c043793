package io.hybridlicense.schemasync.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.TestTargets;
import io.hybridlicense.testing.Concurrently;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Import takes over tables made by hand: one stream each, synced at once, the user's database untouched;
 * a type with no portable equivalent is kept as {@code native:<type>} (rename and drop only).
 */
@QuarkusTest
class ImportTablesTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "sqlite"})
    void aHandMadeTable_isImportedSynced_withoutDdl_andManagedFromThenOn(String kind) {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.of(kind, api);
        String nativeType = switch (kind) {
            case "postgresql" -> "jsonb";
            case "mariadb" -> "datetime";
            default -> "real";
        };
        // MariaDB's TEXT is 64 KB; the portable text is its LONGTEXT
        target.execute("CREATE TABLE shop_order (id bigint NOT NULL PRIMARY KEY, title varchar(40) NOT NULL DEFAULT 'x', "
                + "qty integer DEFAULT 5, note " + ("mariadb".equals(kind) ? "longtext" : "text") + ", extra " + nativeType + ")");
        target.execute("INSERT INTO shop_order (id, title) VALUES (1, 'mine')");
        List<String> before = target.describe("shop_order");
        String ds = api.register(target);

        JsonPath imported = api.request().body(Map.of("tables", List.of("shop_order")))
                .post("/api/v1/datasources/" + ds + "/import").then().statusCode(201).extract().jsonPath();

        assertThat(imported.getList("tables")).hasSize(1);
        String tableId = imported.getString("tables[0].tableId");
        JsonPath table = api.table(tableId);
        assertThat(table.getString("status")).isEqualTo("synced");
        assertThat(table.getInt("version")).isEqualTo(1);
        assertThat(table.getInt("syncedVersion")).isEqualTo(1);
        assertThat(table.getList("columns.type")).containsExactly("bigint", "varchar(40)", "integer", "text", "native:" + nativeType);
        assertThat(table.getList("columns.nullable")).containsExactly(false, false, true, true, true);
        assertThat(table.getString("columns[1].default")).isEqualTo("x");
        assertThat(table.getInt("columns[2].default")).isEqualTo(5);
        assertThat(table.getList("drift")).isEmpty();
        assertThat(api.events(tableId)).extracting(e -> e.get("type")).containsExactly("TableImported");
        assertThat(target.describe("shop_order")).isEqualTo(before);

        api.request().body(Map.of("type", "text")).patch("/api/v1/tables/" + tableId + "/columns/extra")
                .then().statusCode(422).body("type", containsString("unsupported-change"));
        api.request().body(Map.of("name", "extra_renamed")).patch("/api/v1/tables/" + tableId + "/columns/extra")
                .then().statusCode(202);
        api.request().body(Api.column("added", "integer")).post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202);
        api.synced(tableId);
        assertThat(target.columns("shop_order")).containsExactly("id", "title", "qty", "note", "extra_renamed", "added");
        assertThat(api.request().get("/api/v1/datasources/" + ds + "/drift").then().statusCode(200).extract().jsonPath()
                .getBoolean("inSync")).isTrue();

        api.request().body(Map.of("tables", List.of("shop_order"))).post("/api/v1/datasources/" + ds + "/import")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", containsString("already-managed")).body("detail", containsString("shop_order"));
    }

    @Test
    void withoutAList_everyTableNotYetManagedIsImported() {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.postgresql();
        target.execute("CREATE TABLE first_one (id integer PRIMARY KEY)");
        target.execute("CREATE TABLE second_one (id bigserial PRIMARY KEY, at timestamp DEFAULT now())");
        target.execute("CREATE VIEW not_a_table AS SELECT 1 AS one");
        String ds = api.register(target);
        api.request().body(Map.of("tables", List.of("first_one"))).post("/api/v1/datasources/" + ds + "/import")
                .then().statusCode(201);

        JsonPath rest = api.request().body("{}").post("/api/v1/datasources/" + ds + "/import")
                .then().statusCode(201).extract().jsonPath();

        assertThat(rest.getList("tables.name")).containsExactly("second_one");
        // a serial key's default (nextval) has no portable form: kept as the database has it
        assertThat(rest.getString("tables[0].columns[0].type")).isEqualTo("native:bigint");
        assertThat(rest.getString("tables[0].columns[1].default")).isEqualTo("CURRENT_TIMESTAMP");
        api.request().body("{}").post("/api/v1/datasources/" + ds + "/import").then().statusCode(200)
                .body("tables.size()", org.hamcrest.Matchers.is(0));
    }

    @Test
    void aTableTheDatabaseDoesNotHave_isRefused_withoutEchoingTheName() {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.postgresql();
        String ds = api.register(target);

        api.request().body(Map.of("tables", List.of("<script>nothere"))).post("/api/v1/datasources/" + ds + "/import")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", containsString("unknown-table")).body("detail", not(containsString("script")));
        api.request().get("/api/v1/datasources/" + ds + "/tables").then().statusCode(200).body("size()", org.hamcrest.Matchers.is(0));
    }

    @Test
    void twoImportsOfOneTableAtOnce_exactlyOneWins() throws Exception {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.postgresql();
        target.execute("CREATE TABLE contested (id integer PRIMARY KEY, name text)");
        String ds = api.register(target);

        List<Integer> statuses = Concurrently.run(4, i -> api.request().body(Map.of("tables", List.of("contested")))
                .post("/api/v1/datasources/" + ds + "/import").then().extract().statusCode());

        assertThat(statuses).containsExactlyInAnyOrder(201, 409, 409, 409);
        assertThat(api.request().get("/api/v1/datasources/" + ds + "/tables").then().statusCode(200).extract()
                .jsonPath().getList("name")).containsExactly("contested");
    }

    @Test
    void anotherUsersDataSource_cannotBeImportedFrom() {
        Api owner = Api.asNewUser();
        TestTargets.Target target = TestTargets.postgresql();
        target.execute("CREATE TABLE private_one (id integer PRIMARY KEY)");
        String ds = owner.register(target);

        Api.asNewUser().request().body("{}").post("/api/v1/datasources/" + ds + "/import").then().statusCode(404);
        Api.asNewUser().request().get("/api/v1/datasources/" + ds + "/drift").then().statusCode(404);
    }
}
