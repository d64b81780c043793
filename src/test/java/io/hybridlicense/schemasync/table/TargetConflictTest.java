package io.hybridlicense.schemasync.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.TestTargets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adopt only what is identical: a change that finds its object already in the user's database is
 * confirmed only when the whole definition is the model's; otherwise it is rejected as
 * {@code target-conflict} with the real shape, and the user's table and rows are left alone.
 */
@QuarkusTest
class TargetConflictTest {

    private static final List<Map<String, Object>> SHAPE = List.of(
            Map.of("name", "id", "type", "bigint", "primaryKey", true),
            Map.of("name", "title", "type", "varchar(20)", "nullable", false, "default", "x"),
            Map.of("name", "qty", "type", "integer", "default", 5),
            Map.of("name", "price", "type", "numeric(10,2)", "default", 1.5),
            Map.of("name", "active", "type", "boolean", "default", true),
            Map.of("name", "note", "type", "text"));

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "sqlite"})
    void createTable_overATableOfAnotherShape_isATargetConflict_andTheUsersRowsStay(String kind) {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.of(kind, api);
        target.execute("CREATE TABLE clash (id integer, note varchar(5))");
        target.execute("INSERT INTO clash VALUES (1, 'mine')");
        String ds = api.register(target);

        String tableId = api.createTable(ds, Map.of("name", "clash"));

        JsonPath table = api.settled(tableId);
        assertThat(table.getString("status")).isEqualTo("rejected");
        assertThat(table.getString("lastError")).startsWith("target-conflict").contains("note", "(5)");
        api.request().delete("/api/v1/tables/" + tableId).then().statusCode(409);
        assertThat(count(target, "clash")).isEqualTo(1);
        assertThat(target.columns("clash")).containsExactly("id", "note");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "sqlite"})
    void createTable_overAnIdenticalTable_isConfirmedAsAlreadyApplied(String kind) {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.of(kind, api);
        target.execute("CREATE TABLE same_shape (id bigint NOT NULL PRIMARY KEY, title varchar(20) NOT NULL DEFAULT 'x', "
                + "qty integer DEFAULT 5, price numeric(10,2) DEFAULT 1.5, active boolean DEFAULT true, note "
                + ("mariadb".equals(kind) ? "longtext" : "text") + ")");
        String ds = api.register(target);

        String tableId = api.createTable(ds, Map.of("name", "same_shape", "columns", SHAPE));

        api.synced(tableId);
        assertThat(confirmation(api, tableId, 1)).containsEntry("alreadyApplied", true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "sqlite"})
    void addColumn_overAColumnOfAnotherType_isATargetConflict_andAnIdenticalOneIsAdopted(String kind) {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.of(kind, api);
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "grows", "columns", SHAPE.subList(0, 1)));
        api.synced(tableId);
        target.execute("ALTER TABLE grows ADD COLUMN extra varchar(10)");
        target.execute("ALTER TABLE grows ADD COLUMN twin integer");
        target.execute("INSERT INTO grows (id, extra) VALUES (1, 'mine')");

        api.request().body(Api.column("twin", "integer")).post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202);
        api.synced(tableId);
        assertThat(confirmation(api, tableId, 2)).containsEntry("alreadyApplied", true);

        api.request().body(Api.column("extra", "integer")).post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202);
        JsonPath table = api.settled(tableId);
        assertThat(table.getString("status")).isEqualTo("rejected");
        assertThat(table.getString("lastError")).startsWith("target-conflict").contains("extra", "(10)");
        assertThat(count(target, "grows")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "sqlite"})
    void dropTable_ofATableReplacedByHand_isATargetConflict_andTheUsersTableStays(String kind) {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.of(kind, api);
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "orders"));
        api.synced(tableId);
        target.execute("DROP TABLE orders");
        target.execute("CREATE TABLE orders (id integer, secret varchar(10))");
        target.execute("INSERT INTO orders VALUES (1, 'mine')");

        api.request().delete("/api/v1/tables/" + tableId).then().statusCode(202);

        JsonPath table = api.settled(tableId);
        assertThat(table.getString("status")).isEqualTo("rejected");
        assertThat(table.getString("lastError")).startsWith("target-conflict").contains("secret", "(10)");
        assertThat(count(target, "orders")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "sqlite"})
    void dropColumn_alreadyRemovedByHand_onTheFirstAttempt_isATargetConflict(String kind) {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.of(kind, api);
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "thin"));
        api.synced(tableId);
        target.execute("ALTER TABLE thin DROP COLUMN name");

        api.request().delete("/api/v1/tables/" + tableId + "/columns/name").then().statusCode(202);

        JsonPath table = api.settled(tableId);
        assertThat(table.getString("status")).isEqualTo("rejected");
        assertThat(table.getString("lastError")).startsWith("target-conflict").contains("already absent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "sqlite"})
    void renameColumn_ontoAColumnMadeByHand_isATargetConflict(String kind) {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.of(kind, api);
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "moves"));
        api.synced(tableId);
        target.execute("ALTER TABLE moves ADD COLUMN title integer");

        api.request().body(Map.of("name", "title")).patch("/api/v1/tables/" + tableId + "/columns/name").then().statusCode(202);

        JsonPath table = api.settled(tableId);
        assertThat(table.getString("status")).isEqualTo("rejected");
        assertThat(table.getString("lastError")).startsWith("target-conflict").contains("title");
        assertThat(target.columns("moves")).contains("name", "title");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void alterColumn_whoseTypeWasChangedByHand_isATargetConflict(String kind) {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.of(kind, api);
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "shifts", "columns", SHAPE.subList(0, 3)));
        api.synced(tableId);
        target.execute("postgresql".equals(kind) ? "ALTER TABLE shifts ALTER COLUMN qty TYPE bigint"
                : "ALTER TABLE shifts MODIFY qty bigint DEFAULT 5");

        api.request().body(Map.of("default", 7)).patch("/api/v1/tables/" + tableId + "/columns/qty").then().statusCode(202);

        JsonPath table = api.settled(tableId);
        assertThat(table.getString("status")).isEqualTo("rejected");
        assertThat(table.getString("lastError")).startsWith("target-conflict").contains("qty bigint");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "sqlite"})
    void tableNames_areComparedWithTheDialectsCaseRules(String kind) {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.of(kind, api);
        String quote = "mariadb".equals(kind) ? "`" : "\"";
        target.execute("CREATE TABLE " + quote + "Mixed" + quote + " (x integer)");
        String ds = api.register(target);

        String tableId = api.createTable(ds, Map.of("name", "mixed"));

        JsonPath table = api.settled(tableId);
        boolean caseInsensitive = "sqlite".equals(kind) || "mariadb".equals(kind) && lowerCaseTableNames(target) != 0;
        if (caseInsensitive) {
            assertThat(table.getString("lastError")).startsWith("target-conflict");
        } else {
            assertThat(table.getString("status")).isEqualTo("synced");
            assertThat(target.tables()).contains("Mixed", "mixed");
            assertThat(target.columns("Mixed")).containsExactly("x");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> confirmation(Api api, String tableId, int change) {
        return api.events(tableId).stream()
                .filter(e -> "ChangeConfirmed".equals(e.get("type")) && ((Number) e.get("change")).intValue() == change)
                .map(e -> (Map<String, Object>) e.get("data")).findFirst().orElseThrow();
    }

    private static long count(TestTargets.Target target, String table) {
        return queryLong(target, "SELECT count(*) FROM " + table);
    }

    private static long lowerCaseTableNames(TestTargets.Target target) {
        return queryLong(target, "SELECT @@lower_case_table_names");
    }

    private static long queryLong(TestTargets.Target target, String sql) {
        try (Connection c = target.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
