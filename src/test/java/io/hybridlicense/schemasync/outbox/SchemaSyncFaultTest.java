package io.hybridlicense.schemasync.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.hybridlicense.admin.api.AdminApi;
import io.hybridlicense.admin.api.AuditEntryView;
import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.SchemaSyncConfig;
import io.hybridlicense.schemasync.TcpRelay;
import io.hybridlicense.schemasync.TestTargets;
import io.hybridlicense.schemasync.eventstore.Outbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Crashes, outages, rejections and competing pollers: every change is applied once, in order, or rejected. */
@QuarkusTest
class SchemaSyncFaultTest {

    @Inject
    CrashingAfterDdlHook crashes;
    @Inject
    Outbox outbox;
    @Inject
    ApplyQueuedChange apply;
    @Inject
    SchemaSyncConfig config;
    @Inject
    AdminApi admin;

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void crashAfterTheDdl_claimExpires_andTheChangeIsConfirmedExactlyOnce(String kind) {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.of(kind, api);
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "survivor"));
        api.synced(tableId);

        crashes.crashOnceAfter(java.util.UUID.fromString(tableId), 2);
        api.request().body(Api.column("added", "integer")).post("/api/v1/tables/" + tableId + "/columns")
                .then().statusCode(202);
        // The DDL ran, the outcome was not recorded: the target is ahead of the model until the claim expires.
        await().atMost(Duration.ofSeconds(10)).until(() -> target.columns("survivor").contains("added"));
        assertThat(api.table(tableId).getString("status")).isEqualTo("pending");

        JsonPath table = api.synced(tableId);
        assertThat(table.getInt("syncedVersion")).isEqualTo(2);
        List<Map<String, Object>> outcomes = api.events(tableId).stream()
                .filter(e -> "ChangeConfirmed".equals(e.get("type")) && ((Number) e.get("change")).intValue() == 2).toList();
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0)).extracting(e -> ((Map<?, ?>) e.get("data")).get("alreadyApplied")).isEqualTo(true);
        assertThat(target.columns("survivor")).containsOnlyOnce("added");
        assertThat(admin.auditTrailOf("table", tableId)).extracting(AuditEntryView::action)
                .filteredOn("SCHEMA_CHANGE_CONFIRMED"::equals).hasSize(2);
    }

    @Test
    void targetDown_staysPendingWithItsError_andIsConfirmedOnceBack() {
        TestTargets.Target target = TestTargets.postgresql();
        Api api = Api.asNewUser();
        try (TcpRelay relay = new TcpRelay(((Number) target.registration().get("port")).intValue())) {
            String ds = registerBehind(api, target, relay);
            String tableId = api.createTable(ds, Map.of("name", "patient"));

            await().atMost(Duration.ofSeconds(10)).until(() -> api.table(tableId).getString("lastError") != null);
            JsonPath waiting = api.table(tableId);
            assertThat(waiting.getString("status")).isEqualTo("pending");
            assertThat(waiting.getString("lastError")).containsIgnoringCase("connect");
            assertThat(target.tables()).isEmpty();

            relay.open();
            JsonPath synced = api.synced(tableId);
            assertThat(synced.getString("lastError")).isNull();
            assertThat(target.tables()).containsExactly("patient");
            assertThat(api.events(tableId)).extracting(e -> e.get("type")).containsExactly("TableCreationRequested", "ChangeConfirmed");
        }
    }

    @Test
    void lockedTable_statementTimesOut_isRetried_andConfirmedOnceTheLockIsGone() throws Exception {
        TestTargets.Target target = TestTargets.postgresql();
        Api api = Api.asNewUser();
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "busy"));
        api.synced(tableId);
        try (java.sql.Connection holder = target.connect()) {
            holder.setAutoCommit(false);
            try (java.sql.Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
            }
            api.request().body(Api.column("late", "integer")).post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202);

            await().atMost(Duration.ofSeconds(15)).until(() -> api.table(tableId).getString("lastError") != null);
            assertThat(api.table(tableId).getString("status")).isEqualTo("pending");
            assertThat(api.table(tableId).getString("lastError")).contains("57014");
            holder.rollback();
        }
        api.synced(tableId);
        assertThat(target.columns("busy")).contains("late");
    }

    @Test
    void targetDownForGood_isRejectedAtTheRetryLimit_andTheModelReverts() {
        TestTargets.Target target = TestTargets.postgresql();
        Api api = Api.asNewUser();
        try (TcpRelay neverOpened = new TcpRelay(1)) {
            String ds = registerBehind(api, target, neverOpened);
            String tableId = api.createTable(ds, Map.of("name", "abandoned"));
            JsonPath table = api.settled(tableId);
            assertThat(table.getString("status")).isEqualTo("rejected");
            assertThat(table.getString("lastError")).startsWith("retry-limit-reached");
            assertThat(api.events(tableId)).extracting(e -> e.get("type")).containsExactly("TableCreationRequested", "ChangeRejected");
            // the name is free again: another table may take it
            api.request().body(Api.column("x", "integer")).post("/api/v1/tables/" + tableId + "/columns").then().statusCode(409);
            api.request().body(Map.of("name", "abandoned")).post("/api/v1/datasources/" + ds + "/tables").then().statusCode(202);
        }
    }

    @Test
    void rejectedChange_rejectsTheQueuedOnesAfterIt_andTheModelReverts() throws Exception {
        TestTargets.Target target = TestTargets.postgresql();
        Api api = Api.asNewUser();
        String ds = api.register(target);
        String tableId = api.request().header("Prefer", "wait=10").body(Map.of("name", "strict", "columns",
                        List.of(Map.of("name", "id", "type", "integer", "primaryKey", true), Api.column("qty", "text"))))
                .post("/api/v1/datasources/" + ds + "/tables").then().statusCode(202).body("status", equalTo("synced"))
                .extract().path("tableId");
        // valid in the model, refused by the database: 'many' is not an integer
        target.execute("INSERT INTO strict (id, qty) VALUES (1, 'many')");
        try (java.sql.Connection holder = target.connect()) {
            // the target applies nothing until both changes are queued
            holder.setAutoCommit(false);
            try (java.sql.Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE strict IN ACCESS EXCLUSIVE MODE");
            }
            api.request().body(Map.of("type", "integer")).patch("/api/v1/tables/" + tableId + "/columns/qty")
                    .then().statusCode(202).body("version", equalTo(2));
            api.request().body(Map.of("name", "renamed")).patch("/api/v1/tables/" + tableId)
                    .then().statusCode(202).body("version", equalTo(3));
            assertThat(api.table(tableId).getString("name")).isEqualTo("renamed");
            holder.rollback();
        }

        JsonPath rejected = api.settled(tableId);
        assertThat(rejected.getString("status")).isEqualTo("rejected");
        assertThat(rejected.getString("name")).isEqualTo("strict");
        assertThat(rejected.getString("columns.find { it.name == 'qty' }.type")).isEqualTo("text");
        assertThat(rejected.getInt("version")).isEqualTo(3);
        assertThat(rejected.getInt("syncedVersion")).isEqualTo(1);
        assertThat(rejected.getString("lastError")).startsWith("target-rejected");
        assertThat(api.events(tableId)).filteredOn(e -> "ChangeRejected".equals(e.get("type")))
                .extracting(e -> (Object) ((Map<?, ?>) e.get("data")).get("reason"))
                .containsExactly("target-rejected", "preceding-change-rejected");
        assertThat(target.describe("strict")).contains("qty text yes -");
        assertThat(target.tables()).contains("strict").doesNotContain("renamed");
        assertThat(admin.auditTrailOf("table", tableId)).extracting(AuditEntryView::action)
                .filteredOn("SCHEMA_CHANGE_REJECTED"::equals).hasSize(2);

        api.request().header("Prefer", "wait=10").header("If-Match", "\"3\"").body(Api.column("count", "integer"))
                .post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202).body("status", equalTo("synced"));
        assertThat(target.columns("strict")).contains("count");
    }

    @Test
    void twoPollers_200ChangesOn20Tables_eachAppliedOnceInOrder() throws Exception {
        TestTargets.Target target = TestTargets.postgresql();
        Api api = Api.asNewUser();
        String ds = api.register(target);
        OutboxDispatcher second = new OutboxDispatcher("second-server", 4, outbox, apply, config.claimTimeout());
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            List<Future<String>> tables = new ArrayList<>();
            for (int t = 0; t < 20; t++) {
                String name = "load_" + t;
                tables.add(clients.submit(() -> {
                    String tableId = api.createTable(ds, Map.of("name", name, "columns", List.of(Map.of("name", "id", "type", "bigint", "primaryKey", true))));
                    second.wake();
                    for (int c = 1; c <= 9; c++) {
                        api.request().body(Api.column("c" + c, "integer")).post("/api/v1/tables/" + tableId + "/columns")
                                .then().statusCode(202).body("version", equalTo(c + 1));
                        second.wake();
                    }
                    return tableId;
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> table : tables) {
                ids.add(table.get());
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> ids.stream().allMatch(id -> api.table(id).getInt("syncedVersion") == 10));

            assertThat(second.claimed()).as("changes the second poller applied").isPositive();
            List<String> expectedColumns = new ArrayList<>(List.of("id"));
            IntStream.rangeClosed(1, 9).forEach(c -> expectedColumns.add("c" + c));
            for (int t = 0; t < 20; t++) {
                String id = ids.get(t);
                assertThat(api.table(id).getString("status")).isEqualTo("synced");
                List<Map<String, Object>> confirmations = api.events(id).stream()
                        .filter(e -> "ChangeConfirmed".equals(e.get("type"))).toList();
                assertThat(confirmations).extracting(e -> ((Number) e.get("change")).intValue())
                        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
                assertThat(confirmations).extracting(e -> (Object) ((Map<?, ?>) e.get("data")).get("alreadyApplied"))
                        .containsOnly(false);
                assertThat(target.columns("load_" + t)).containsExactlyElementsOf(expectedColumns);
            }
        } finally {
            clients.shutdownNow();
            second.stop(Duration.ofSeconds(5));
        }
    }

    private static String registerBehind(Api api, TestTargets.Target target, TcpRelay relay) {
        Map<String, Object> body = new HashMap<>(target.registration());
        body.put("host", "127.0.0.1");
        body.put("port", relay.port());
        body.put("name", "relay-" + TestTargets.shortId());
        return api.request().body(body).post("/api/v1/datasources").then().statusCode(201).extract().path("datasourceId");
    }
}
