package io.hybridlicense.schemasync.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.SchemaSyncConfig;
import io.hybridlicense.schemasync.TestTargets;
import io.hybridlicense.schemasync.eventstore.Outbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Graceful shutdown of this server's poller, as on SIGTERM: it claims nothing more, gives a running attempt
 * the shutdown grace, then releases the claim of one that is still running, so that another server takes it
 * over at once instead of after the lease. Its own Quarkus start, because the poller stays stopped.
 */
@QuarkusTest
@TestProfile(SchemaSyncShutdownTest.StoppedPoller.class)
class SchemaSyncShutdownTest {

    /** The default test settings (shutdown grace 2 s, claim timeout 4 s) in a Quarkus start of its own. */
    public static class StoppedPoller implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hl.schemasync.shutdown-grace", "2s");
        }
    }

    @Inject
    CrashingAfterDdlHook hook;
    @Inject
    OutboxPoller poller;
    @Inject
    Outbox outbox;
    @Inject
    ApplyQueuedChange apply;
    @Inject
    SchemaSyncConfig config;

    @Test
    void stopping_releasesTheClaimOfAStalledAttempt_forAnotherServerToTakeOverAtOnce() throws Exception {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.postgresql();
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "leaving"));
        api.synced(tableId);
        UUID table = UUID.fromString(tableId);
        hook.stallOnceAfter(table, 2, Duration.ofMinutes(5));
        OutboxDispatcher successor = new OutboxDispatcher("successor", 2, outbox, apply, config.claimTimeout());
        try (Connection listening = OtherInstance.connect(); Statement listen = listening.createStatement()) {
            listen.execute("LISTEN " + ChangeNotices.QUEUED);
            api.request().body(Api.column("late", "integer")).post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> target.columns("leaving").contains("late"));
            assertThat(SchemaSyncLeaseTest.lease(tableId).token()).isNotNull();
            queuedNotices(listening, Duration.ofMillis(300)); // the request's own

            long stopping = System.nanoTime();
            poller.stop();
            Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);

            assertThat(stopped).isBetween(config.shutdownGrace().minusMillis(100), config.shutdownGrace().plusSeconds(3));
            SchemaSyncLeaseTest.Lease released = SchemaSyncLeaseTest.lease(tableId);
            assertThat(released.token()).isNull();
            assertThat(released.validForMillis()).isLessThanOrEqualTo(0);
            assertThat(queuedNotices(listening, Duration.ofSeconds(5))).contains(tableId);

            api.request().body(Api.column("after", "integer")).post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202);
            await().during(config.pollInterval().multipliedBy(2)).atMost(config.pollInterval().multipliedBy(4))
                    .until(() -> attempts(tableId, 3) == 0);

            long releasedAt = System.nanoTime();
            successor.wake();
            await().atMost(config.claimTimeout()).pollInterval(Duration.ofMillis(20))
                    .until(() -> api.table(tableId).getInt("syncedVersion") >= 2);
            System.out.printf("schemasync takeover after a graceful stop: %d ms (claim timeout %s)%n",
                    Duration.ofNanos(System.nanoTime() - releasedAt).toMillis(), config.claimTimeout());
            List<Map<String, Object>> confirmations = api.events(tableId).stream()
                    .filter(e -> "ChangeConfirmed".equals(e.get("type")) && ((Number) e.get("change")).intValue() == 2).toList();
            assertThat(confirmations).hasSize(1);
            assertThat(((Map<?, ?>) confirmations.get(0).get("data")).get("alreadyApplied")).isEqualTo(true);
            await().atMost(Duration.ofSeconds(10)).until(() -> target.columns("leaving").contains("after"));
            api.synced(tableId);
        } finally {
            successor.stop(Duration.ZERO);
        }
    }

    /** How often the outbox row of a change has been claimed. */
    private static int attempts(String tableId, int change) throws Exception {
        try (Connection c = OtherInstance.connect(); java.sql.PreparedStatement s = c.prepareStatement(
                "SELECT attempts FROM schemasync.outbox WHERE stream_id = ?::uuid AND change_version = ?")) {
            s.setString(1, tableId);
            s.setInt(2, change);
            try (java.sql.ResultSet r = s.executeQuery()) {
                return r.next() ? r.getInt(1) : -1;
            }
        }
    }

    /** The tables named by the queued-change notices that arrive within {@code within}. */
    private static List<String> queuedNotices(Connection listening, Duration within) throws Exception {
        List<String> tables = new ArrayList<>();
        PGNotification[] received = listening.unwrap(PGConnection.class).getNotifications((int) Math.max(1, within.toMillis()));
        if (received != null) {
            Arrays.stream(received).map(n -> ChangeNotices.Notice.parse(n.getParameter()))
                    .flatMap(java.util.Optional::stream).forEach(notice -> tables.add(notice.table().toString()));
        }
        return tables;
    }
}
