package io.hybridlicense.schemasync.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.TestTargets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * SQLite changes a column's type, nullability or default by rebuilding the table in one transaction:
 * every row stays, the user's indexes, triggers and views keep working, AUTOINCREMENT goes on where it
 * was; a rebuild the data refuses changes nothing; a crash after its commit is adopted, not repeated.
 */
@QuarkusTest
class SqliteRebuildTest {

    private static final int ROWS = 1000;

    @Inject
    CrashingAfterDdlHook crashes;

    @Test
    void typeNullabilityAndDefaultChanges_keepEveryRow_andWhatTheUserBuiltOnTheTable() throws SQLException {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.sqlite(api);
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "stock", "columns", List.of(
                Map.of("name", "id", "type", "bigint", "primaryKey", true, "generated", "identity"),
                Map.of("name", "qty", "type", "text"),
                Map.of("name", "note", "type", "varchar(20)", "default", "x"),
                Map.of("name", "price", "type", "numeric(10,2)"))));
        api.synced(tableId);
        seed(target, "INSERT INTO stock (qty, note, price) VALUES (?, ?, ?)", (row, i) -> {
            row.setString(1, Integer.toString(i));
            row.setString(2, "n" + i);
            row.setBigDecimal(3, new BigDecimal(i).multiply(new BigDecimal("1.5")));
        });
        target.execute("DELETE FROM stock WHERE id > " + (ROWS - 2));
        target.execute("CREATE INDEX stock_qty ON stock (qty)");
        target.execute("CREATE VIEW stock_view AS SELECT id, qty FROM stock");
        target.execute("CREATE TABLE stock_audit (stock_id integer)");
        target.execute("CREATE TRIGGER stock_inserted AFTER INSERT ON stock BEGIN INSERT INTO stock_audit VALUES (NEW.id); END");
        target.execute("CREATE TABLE stock_ref (stock_id integer REFERENCES stock (id))");
        target.execute("INSERT INTO stock_ref VALUES (1), (500)");
        List<String> before = strings(target, "SELECT id || '|' || qty || '|' || note || '|' || price FROM stock ORDER BY id");
        assertThat(before).hasSize(ROWS - 2);

        api.request().body(Map.of("type", "integer", "nullable", false, "default", 0))
                .patch("/api/v1/tables/" + tableId + "/columns/qty").then().statusCode(202);
        api.synced(tableId);

        assertThat(target.describe("stock")).contains("qty int no cast(0 as decimal)");
        assertThat(strings(target, "SELECT id || '|' || qty || '|' || note || '|' || price FROM stock ORDER BY id"))
                .containsExactlyElementsOf(before);
        assertThat(strings(target, "SELECT DISTINCT typeof(qty) FROM stock")).containsExactly("integer");
        assertThat(strings(target, "SELECT name FROM sqlite_master WHERE tbl_name = 'stock' AND type IN ('index', 'trigger') ORDER BY name"))
                .containsExactly("stock_inserted", "stock_qty");
        assertThat(strings(target, "SELECT count(*) FROM stock_view")).containsExactly(Integer.toString(ROWS - 2));
        assertThat(strings(target, "SELECT * FROM pragma_foreign_key_check")).isEmpty();
        assertThat(target.tables()).doesNotContain("stock__hl_rebuild");

        // AUTOINCREMENT continues after the highest number ever given, not after the highest row left
        target.execute("INSERT INTO stock (qty, price) VALUES (-1, 1)");
        assertThat(strings(target, "SELECT id || '|' || note FROM stock WHERE qty = -1")).containsExactly((ROWS + 1) + "|x");
        assertThat(strings(target, "SELECT stock_id FROM stock_audit")).containsExactly(Integer.toString(ROWS + 1));

        // a rename with a default change: rebuilt under the old name, then renamed (indexes and views follow)
        api.request().body(Map.of("name", "remark", "default", "y")).patch("/api/v1/tables/" + tableId + "/columns/note")
                .then().statusCode(202);
        JsonPath renamed = api.synced(tableId);
        assertThat(renamed.getString("columns.find { it.name == 'remark' }.default")).isEqualTo("y");
        target.execute("INSERT INTO stock (qty, price) VALUES (-2, 1)");
        assertThat(strings(target, "SELECT remark FROM stock WHERE qty = -2")).containsExactly("y");
        assertThat(strings(target, "SELECT count(*) FROM stock")).containsExactly(Integer.toString(ROWS));
    }

    @Test
    void notNull_overExistingNulls_isRejected_andTheTableStaysAsItWas() throws SQLException {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.sqlite(api);
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "people"));
        api.synced(tableId);
        seed(target, "INSERT INTO people (name) VALUES (?)", (row, i) -> row.setString(1, i % 10 == 0 ? null : "p" + i));
        List<String> shape = target.describe("people");
        List<String> rows = strings(target, "SELECT id || '|' || coalesce(name, '<null>') FROM people ORDER BY id");

        api.request().body(Map.of("nullable", false)).patch("/api/v1/tables/" + tableId + "/columns/name").then().statusCode(202);
        JsonPath table = api.settled(tableId);

        assertThat(table.getString("status")).isEqualTo("rejected");
        assertThat(table.getString("lastError")).startsWith("target-rejected").contains("100 NULL value(s)", "NOT NULL");
        assertThat(table.getBoolean("columns.find { it.name == 'name' }.nullable")).isTrue();
        assertThat(target.describe("people")).isEqualTo(shape);
        assertThat(strings(target, "SELECT id || '|' || coalesce(name, '<null>') FROM people ORDER BY id")).isEqualTo(rows);
        assertThat(target.tables()).containsExactly("people");
    }

    @Test
    void crashAfterTheRebuildsCommit_isAdopted_notRebuiltAgain_andNoRowIsLost() throws SQLException {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.sqlite(api);
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "ledger"));
        api.synced(tableId);
        seed(target, "INSERT INTO ledger (name) VALUES (?)", (row, i) -> row.setString(1, "entry " + i));
        List<String> rows = strings(target, "SELECT id || '|' || name FROM ledger ORDER BY id");

        crashes.crashOnceAfter(UUID.fromString(tableId), 2);
        api.request().body(Map.of("type", "varchar(40)", "default", "none")).patch("/api/v1/tables/" + tableId + "/columns/name")
                .then().statusCode(202);
        // committed, then "killed" before the outcome was recorded: the target is ahead of the model
        await().atMost(Duration.ofSeconds(20)).until(() -> target.describe("ledger").contains("name varchar(40) yes 'none'"));
        assertThat(api.table(tableId).getString("status")).isEqualTo("pending");

        JsonPath table = api.synced(tableId);
        assertThat(table.getInt("syncedVersion")).isEqualTo(2);
        List<Map<String, Object>> confirmations = api.events(tableId).stream()
                .filter(e -> "ChangeConfirmed".equals(e.get("type")) && ((Number) e.get("change")).intValue() == 2).toList();
        assertThat(confirmations).hasSize(1);
        assertThat(((Map<?, ?>) confirmations.get(0).get("data")).get("alreadyApplied")).isEqualTo(true);
        assertThat(strings(target, "SELECT id || '|' || name FROM ledger ORDER BY id")).isEqualTo(rows).hasSize(ROWS);
    }

    @FunctionalInterface
    private interface RowFiller {
        void fill(PreparedStatement row, int i) throws SQLException;
    }

    private static void seed(TestTargets.Target target, String insert, RowFiller filler) throws SQLException {
        try (Connection c = target.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement row = c.prepareStatement(insert)) {
                for (int i = 1; i <= ROWS; i++) {
                    filler.fill(row, i);
                    row.addBatch();
                }
                row.executeBatch();
            }
            c.commit();
        }
    }

    private static List<String> strings(TestTargets.Target target, String query) {
        return target.query(query);
    }
}
