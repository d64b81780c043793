package io.hybridlicense.schemasync.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hybridlicense.platform.notices.DatabaseNotices;
import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.TestTargets;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Instances wake each other through PostgreSQL {@code LISTEN/NOTIFY}. The other instance is
 * {@link OtherInstance} (plain JDBC, none of this server's in-process signals); the profile sets the
 * poll and the waiters' re-read far beyond every deadline here, so only a notice can explain an answer
 * within seconds.
 */
@QuarkusTest
@TestProfile(PreferWaitTest.FewWorkersNoFallback.class)
class CrossInstanceWakeUpTest {

    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    @Inject
    ObjectMapper json;
    @Inject
    Settlements settlements;

    @Test
    void aChangeQueuedByAnotherInstance_isAppliedAtOnce_notAtTheNextPoll() throws Exception {
        Synced synced = Synced.table("woken");
        TestTargets.Target target = synced.target();
        UUID ds = synced.ds();
        UUID table = synced.table();
        OtherInstance other = new OtherInstance(json);
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int change = other.queueColumn(table, ds, "c" + i, false, true);
            long committed = System.nanoTime();
            await().atMost(PROMPTLY).pollInterval(Duration.ofMillis(2)).until(() -> OtherInstance.confirmed(table, change));
            micros.add((System.nanoTime() - committed) / 1000);
        }
        System.out.printf("cross-instance queued → confirmed (µs): %s%n", micros.stream().sorted().toList());
        assertThat(target.columns("woken")).containsExactly("id", "name", "created_at", "updated_at",
                "c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9");
    }

    @Test
    void aChangeAcceptedHere_notifiesTheOtherInstancesOnCommit_withIdsOnly() throws Exception {
        Api api = Api.asNewUser();
        UUID ds = UUID.fromString(api.register(TestTargets.postgresql()));
        try (Connection listening = OtherInstance.connect(); Statement statement = listening.createStatement()) {
            statement.execute("LISTEN " + ChangeNotices.QUEUED);
            statement.execute("LISTEN " + ChangeNotices.SETTLED);
            UUID table = syncedTable(api, ds, "announced");
            List<String> heard = new ArrayList<>();
            PGConnection notices = listening.unwrap(PGConnection.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                PGNotification[] received = notices.getNotifications(100);
                for (PGNotification notice : received == null ? new PGNotification[0] : received) {
                    heard.add(notice.getName() + " " + notice.getParameter());
                }
                return heard.size() >= 2;
            });
            String ids = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/" + table;
            assertThat(heard).hasSize(2);
            assertThat(heard.get(0)).matches(ChangeNotices.QUEUED + " " + ids);
            assertThat(heard.get(1)).matches(ChangeNotices.SETTLED + " " + ids);
        }
    }

    @Test
    void anOutcomeRecordedByAnotherInstance_answersAWaitingRequestAtOnce() throws Exception {
        Synced synced = Synced.table("settled_elsewhere");
        Api api = synced.api();
        TestTargets.Target target = synced.target();
        UUID ds = synced.ds();
        UUID table = synced.table();
        OtherInstance other = new OtherInstance(json);
        int change = other.queueColumn(table, ds, "late", true, false);
        CompletableFuture<JsonPath> waiting = CompletableFuture.supplyAsync(() -> api.request().header("Prefer", "wait=25")
                .get("/api/v1/tables/" + table).then().statusCode(200).extract().jsonPath());
        await().atMost(Duration.ofSeconds(15)).until(() -> api.table(table.toString()).getString("status").equals("pending")
                && !waiting.isDone() && settlementsWaiting());

        target.execute("ALTER TABLE settled_elsewhere ADD COLUMN late integer");
        other.confirm(table, change);
        long settled = System.nanoTime();
        JsonPath answer = waiting.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS);
        System.out.printf("cross-instance settled → Prefer: wait answered (µs): %d%n", (System.nanoTime() - settled) / 1000);
        assertThat(answer.getString("status")).isEqualTo("synced");
        assertThat(answer.getInt("syncedVersion")).isEqualTo(change);
    }

    @Test
    void theListenerReconnects_afterItsBackendIsTerminated_andSaysSoOnce() throws Exception {
        CapturedLog logged = CapturedLog.of(DatabaseNotices.class);
        String runtimeRole = "\"" + ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class) + "\"";
        try (Connection owner = TestTargets.connect(TestTargets.coreUrl(), TestTargets.ownerUser(), TestTargets.ownerPassword());
             Statement statement = owner.createStatement()) {
            int first = await().atMost(Duration.ofSeconds(10)).until(() -> listenerPid(owner), Optional::isPresent).orElseThrow();
            // new logins of the runtime role are refused for a while: several reconnection attempts fail
            statement.execute("ALTER ROLE " + runtimeRole + " CONNECTION LIMIT 0");
            try {
                statement.execute("SELECT pg_terminate_backend(" + first + ")");
                await().atMost(Duration.ofSeconds(15)).until(() -> failedAttempts(logged) >= 3);
            } finally {
                statement.execute("ALTER ROLE " + runtimeRole + " CONNECTION LIMIT -1");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> listenerPid(owner), pid -> pid.isPresent() && pid.get() != first);
            await().atMost(Duration.ofSeconds(5)).until(() -> logged.count(Level.INFO, "Listening for other instances") == 1);
            assertThat(logged.count(Level.WARNING, "Not listening for other instances")).as("warnings for one outage").isEqualTo(1);
        } finally {
            logged.close();
        }

        // and it wakes the poller again
        Synced synced = Synced.table("after_reconnect");
        int change = new OtherInstance(json).queueColumn(synced.table(), synced.ds(), "woken", false, true);
        await().atMost(PROMPTLY).pollInterval(Duration.ofMillis(10)).until(() -> OtherInstance.confirmed(synced.table(), change));
    }

    /** A new user's PostgreSQL target with one table created and confirmed. */
    private record Synced(Api api, TestTargets.Target target, UUID ds, UUID table) {
        static Synced table(String name) {
            Api api = Api.asNewUser();
            TestTargets.Target target = TestTargets.postgresql();
            UUID ds = UUID.fromString(api.register(target));
            return new Synced(api, target, ds, syncedTable(api, ds, name));
        }
    }

    private static UUID syncedTable(Api api, UUID ds, String name) {
        String id = api.request().header("Prefer", "wait=10").body(Map.of("name", name))
                .post("/api/v1/datasources/" + ds + "/tables").then().statusCode(202).extract().path("tableId");
        api.synced(id);
        return UUID.fromString(id);
    }

    private boolean settlementsWaiting() {
        return settlements.waiting() >= 1;
    }

    private static Optional<Integer> listenerPid(Connection owner) throws SQLException {
        try (PreparedStatement select = owner.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE application_name = ? ORDER BY backend_start DESC LIMIT 1")) {
            select.setString(1, DatabaseNotices.APPLICATION_NAME);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getInt(1)) : Optional.empty();
            }
        }
    }

    private static long failedAttempts(CapturedLog logged) {
        return logged.count(Level.WARNING, "Not listening for other instances") + logged.count(Level.FINE, "Listening connection attempt");
    }
}
