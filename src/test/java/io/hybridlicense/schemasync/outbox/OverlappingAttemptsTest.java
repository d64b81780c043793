package io.hybridlicense.schemasync.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.SchemaSyncConfig;
import io.hybridlicense.schemasync.TestTargets;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Another attempt at the same change still running on the user's database, as after a lapsed lease (its
 * server paused, cut off, past its deadline): the attempt of the server holding the claim now must
 * neither run the DDL beside it nor record a rejection for a change the database has. Here the other
 * attempt is a session of the test, the DDL uncommitted (PostgreSQL) or waiting for a metadata lock
 * (MariaDB) while this server's attempt starts, and done before it ends. Before the target-side lock and
 * the catalogue re-read, each ended {@code rejected} ("already exists") with the column in the database.
 * The same with two server processes and SIGSTOP: {@code SchemaSyncPausedServerIT}. And a change whose
 * last allowed attempt was lost after applying it is confirmed, not given up ({@code retry-limit-reached}).
 */
@QuarkusTest
class OverlappingAttemptsTest {

    @Inject
    ObjectMapper json;
    @Inject
    SchemaSyncConfig config;

    @Test
    void postgresql_anAttemptHoldingTheTableLock_isWaitedFor_andTheChangeIsConfirmedFromTheCatalogue() throws Exception {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.postgresql();
        String tableId = syncedTable(api, target, "overlap_locked");
        try (Connection other = target.connect(); Statement sql = other.createStatement()) {
            other.setAutoCommit(false);
            sql.execute("SELECT pg_advisory_xact_lock(" + advisoryKey("overlap_locked") + ")");
            sql.execute("ALTER TABLE overlap_locked ADD COLUMN late integer");
            requestColumn(api, tableId);
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingSchemasyncSessions(target) == 1);
            other.commit();
        }
        assertConfirmedOnce(api, tableId, true);
        assertThat(target.columns("overlap_locked")).containsExactly("id", "name", "created_at", "updated_at", "late");
    }

    @Test
    void postgresql_aDuplicateColumnError_isCheckedAgainstTheCatalogue_beforeAnyRejection() throws Exception {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.postgresql();
        String tableId = syncedTable(api, target, "overlap_unlocked");
        try (Connection other = target.connect(); Statement sql = other.createStatement()) {
            other.setAutoCommit(false); // someone who does not take schemasync's lock: an older server, a person
            sql.execute("ALTER TABLE overlap_unlocked ADD COLUMN late integer");
            requestColumn(api, tableId);
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingSchemasyncSessions(target) == 1);
            other.commit();
        }
        assertConfirmedOnce(api, tableId, true);
    }

    @Test
    void mariadb_anAttemptHoldingTheTableLock_isWaitedFor_andTheChangeIsConfirmedFromTheCatalogue() throws Exception {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.mariadb();
        String tableId = syncedTable(api, target, "overlap_locked");
        try (Connection reader = target.connect(); Statement read = reader.createStatement();
             Connection other = target.connect(); Statement sql = other.createStatement()) {
            reader.setAutoCommit(false);
            read.executeQuery("SELECT * FROM overlap_locked").close(); // a metadata lock until the reader commits
            sql.execute("SET SESSION lock_wait_timeout = 30");
            try (PreparedStatement lock = other.prepareStatement(
                    "SELECT GET_LOCK(CONCAT('hl-schemasync/', LEFT(SHA2(CONCAT(DATABASE(), '/', ?), 256), 40)), 5)")) {
                lock.setString(1, "overlap_locked");
                lock.execute();
            }
            CompletableFuture<Void> otherDdl = CompletableFuture.runAsync(() -> {
                try {
                    sql.execute("ALTER TABLE overlap_locked ADD COLUMN late integer");
                    sql.execute("DO RELEASE_ALL_LOCKS()");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            requestColumn(api, tableId);
            // the other ALTER waits for the reader, this server's attempt for the other attempt
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingMariaDbSessions(target) >= 2);
            reader.commit();
            otherDdl.get();
        }
        assertConfirmedOnce(api, tableId, true);
        assertThat(target.columns("overlap_locked")).contains("late");
    }

    @Test
    void aChangePastItsAttemptLimit_isCheckedAgainstTheCatalogue_beforeItIsGivenUp() throws Exception {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.postgresql();
        UUID table = UUID.fromString(syncedTable(api, target, "given_up"));
        UUID datasource = UUID.fromString(api.table(table.toString()).getString("datasourceId"));
        // another server claimed the change for the last allowed time, applied it, and lost its claim unrecorded
        int change = new OtherInstance(json).queueColumn(table, datasource, "late", true, false);
        target.execute("ALTER TABLE given_up ADD COLUMN late integer");
        try (Connection core = OtherInstance.connect(); PreparedStatement lapse = core.prepareStatement("UPDATE schemasync.outbox "
                + "SET attempts = ?, claimed_until = now() - interval '1 second' WHERE stream_id = ? AND change_version = ?")) {
            lapse.setInt(1, config.maxAttempts());
            lapse.setObject(2, table);
            lapse.setInt(3, change);
            assertThat(lapse.executeUpdate()).isEqualTo(1);
        }
        assertConfirmedOnce(api, table.toString(), change, true);
    }

    private static String syncedTable(Api api, TestTargets.Target target, String name) {
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", name));
        api.synced(tableId);
        return tableId;
    }

    private static void requestColumn(Api api, String tableId) {
        api.request().body(Api.column("late", "integer")).post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202);
    }

    private static void assertConfirmedOnce(Api api, String tableId, boolean alreadyApplied) {
        assertConfirmedOnce(api, tableId, 2, alreadyApplied);
    }

    private static void assertConfirmedOnce(Api api, String tableId, int change, boolean alreadyApplied) {
        api.synced(tableId);
        List<Map<String, Object>> events = api.events(tableId);
        assertThat(events).noneMatch(e -> "ChangeRejected".equals(e.get("type")));
        List<Map<String, Object>> confirmations = events.stream()
                .filter(e -> "ChangeConfirmed".equals(e.get("type")) && ((Number) e.get("change")).intValue() == change).toList();
        assertThat(confirmations).hasSize(1);
        assertThat(((Map<?, ?>) confirmations.get(0).get("data")).get("alreadyApplied")).isEqualTo(alreadyApplied);
    }

    /** Sessions of this server waiting for a lock on the target (a table lock, or schemasync's own). */
    private static int waitingSchemasyncSessions(TestTargets.Target target) {
        return Integer.parseInt(target.query("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                + "'hybrid-license-schemasync' AND wait_event_type = 'Lock'").get(0));
    }

    private static int waitingMariaDbSessions(TestTargets.Target target) {
        return Integer.parseInt(target.query("SELECT count(*) FROM information_schema.processlist WHERE db = DATABASE() "
                + "AND state IN ('Waiting for table metadata lock', 'User lock')").get(0));
    }

    /** The key of schemasync's lock on a table, computed independently: operators find it in {@code pg_locks}. */
    private static long advisoryKey(String table) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(("hybrid-license/schemasync/table/" + table).getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest).getLong();
    }
}
