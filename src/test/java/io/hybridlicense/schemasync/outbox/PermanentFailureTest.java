package io.hybridlicense.schemasync.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.TestTargets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Permanent is permanent: a target this server refuses or that says "no" is rejected at once with the
 * real reason, never retried in silence; a transient failure (a lock) is retried with its error shown
 * and confirmed once it clears.
 */
@QuarkusTest
class PermanentFailureTest {

    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    @Test
    void sqliteFileThatBecameASymlinkOutside_isRejectedAtOnce_withTheReason() throws Exception {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.sqlite(api);
        String ds = api.register(target);
        Path outside = Files.createTempFile("hl-outside-", ".db");
        Path directory = Path.of(ConfigProvider.getConfig().getValue("hl.schemasync.sqlite-directory", String.class))
                .resolve(api.identity().userId());
        Path file = directory.resolve((String) target.registration().get("file"));
        Files.deleteIfExists(file);
        Files.createSymbolicLink(file, outside);

        JsonPath table = settledAtOnce(api, api.createTable(ds, Map.of("name", "fled")));

        assertThat(table.getString("status")).isEqualTo("rejected");
        assertThat(table.getString("lastError")).startsWith("invalid-sqlite-file");
        assertThat(Files.size(outside)).isZero();
    }

    @Test
    void missingPostgresDatabase_isRejectedAtOnce_withTheDatabasesAnswer() {
        Api api = Api.asNewUser();
        String ds = api.register(TestTargets.postgresqlNamed("missing_" + TestTargets.shortId()));

        JsonPath table = settledAtOnce(api, api.createTable(ds, Map.of("name", "nowhere")));

        assertThat(table.getString("lastError")).startsWith("target-rejected").contains("3D000");
    }

    @Test
    void refusedMariaDbCredentials_areRejectedAtOnce_withTheDatabasesAnswer() {
        Api api = Api.asNewUser();
        Map<String, Object> registration = new HashMap<>(TestTargets.mariadb().registration());
        registration.put("password", "not-the-password");
        registration.put("name", "wrong-" + TestTargets.shortId());
        String ds = api.request().body(registration).post("/api/v1/datasources").then().statusCode(201)
                .extract().path("datasourceId");

        JsonPath table = settledAtOnce(api, api.createTable(ds, Map.of("name", "denied")));

        assertThat(table.getString("lastError")).startsWith("target-rejected").contains("28000");
    }

    @Test
    void sqliteTableRemovedByHand_isRejectedAtOnce_asMissing() {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.sqlite(api);
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "vanished"));
        api.synced(tableId);
        target.execute("DROP TABLE vanished");

        api.request().body(Api.column("more", "integer")).post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202);

        assertThat(settledAtOnce(api, tableId).getString("lastError")).startsWith("table-missing");
    }

    @Test
    void mariaDbMetadataLock_isRetriedWithItsError_andConfirmedOnceReleased() throws Exception {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.mariadb();
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "held"));
        api.synced(tableId);
        try (Connection holder = target.connect(); Statement lock = holder.createStatement()) {
            lock.execute("LOCK TABLES held WRITE");
            api.request().body(Api.column("late", "integer")).post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202);

            await().atMost(Duration.ofSeconds(15)).until(() -> api.table(tableId).getString("lastError") != null);
            assertThat(api.table(tableId).getString("status")).isEqualTo("pending");
            lock.execute("UNLOCK TABLES");
        }
        api.synced(tableId);
        List<Map<String, Object>> confirmation = api.events(tableId).stream()
                .filter(e -> "ChangeConfirmed".equals(e.get("type")) && ((Number) e.get("change")).intValue() == 2).toList();
        assertThat(confirmation).hasSize(1);
        assertThat(target.columns("held")).containsOnlyOnce("late");
    }

    private static JsonPath settledAtOnce(Api api, String tableId) {
        await().atMost(AT_ONCE).pollInterval(Duration.ofMillis(100))
                .until(() -> !"pending".equals(api.table(tableId).getString("status")));
        JsonPath table = api.table(tableId);
        assertThat(table.getString("status")).isEqualTo("rejected");
        return table;
    }
}
