package io.hybridlicense.schemasync.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.SchemaSyncConfig;
import io.hybridlicense.schemasync.TestTargets;
import io.hybridlicense.schemasync.eventstore.Outbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Leases on the core database's clock, renewed by a heartbeat while an attempt runs, free soon after a crash. */
@QuarkusTest
class SchemaSyncLeaseTest {

    @Inject
    CrashingAfterDdlHook hook;
    @Inject
    Outbox outbox;
    @Inject
    ApplyQueuedChange apply;
    @Inject
    SchemaSyncConfig config;

    @Test
    void aStalledAttempt_keepsItsClaimBeyondTheClaimTimeout_andIsConfirmedOnce() {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.postgresql();
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "slow"));
        api.synced(tableId);
        Duration claimTimeout = config.claimTimeout();
        hook.stallOnceAfter(UUID.fromString(tableId), 2, claimTimeout.multipliedBy(3));
        OutboxDispatcher rival = new OutboxDispatcher("rival", 2, outbox, apply, claimTimeout);
        try {
            api.request().body(Api.column("late", "integer")).post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> target.columns("slow").contains("late"));
            UUID token = lease(tableId).token();
            long stalledSince = System.nanoTime();

            await().atMost(claimTimeout.multipliedBy(2).plusSeconds(2)).pollDelay(claimTimeout.multipliedBy(2))
                    .untilAsserted(() -> {
                        rival.wake();
                        Lease lease = lease(tableId);
                        assertThat(lease.token()).isEqualTo(token);
                        assertThat(lease.validForMillis()).isPositive();
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - stalledSince)).isGreaterThan(claimTimeout);

            api.synced(tableId);
            List<Map<String, Object>> confirmations = api.events(tableId).stream()
                    .filter(e -> "ChangeConfirmed".equals(e.get("type")) && ((Number) e.get("change")).intValue() == 2).toList();
            assertThat(confirmations).hasSize(1);
            assertThat(((Map<?, ?>) confirmations.get(0).get("data")).get("alreadyApplied")).isEqualTo(false);
        } finally {
            rival.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void anAbandonedClaim_isTakenOverWithinOneClaimTimeoutAndAPoll() {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.mariadb();
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "orphan"));
        api.synced(tableId);
        hook.crashOnceAfter(UUID.fromString(tableId), 2);

        api.request().body(Api.column("added", "integer")).post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> target.columns("orphan").contains("added"));
        long crashedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.table(tableId).getInt("syncedVersion") == 2);
        Duration takeover = Duration.ofNanos(System.nanoTime() - crashedAt);

        System.out.printf("schemasync takeover after a crash: %d ms (claim timeout %s)%n", takeover.toMillis(), config.claimTimeout());
        assertThat(takeover).isLessThanOrEqualTo(config.claimTimeout().plus(config.pollInterval()).plusSeconds(3));
    }

    @Test
    void leasesAreMeasuredOnTheCoreDatabasesClock() {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.postgresql();
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "clocked"));
        api.synced(tableId);
        hook.stallOnceAfter(UUID.fromString(tableId), 2, Duration.ofSeconds(2));

        api.request().body(Api.column("c", "integer")).post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> lease(tableId).token() != null);
        assertThat(lease(tableId).validForMillis()).isBetween(0L, config.claimTimeout().toMillis());
        api.synced(tableId);
    }

    record Lease(UUID token, long validForMillis) {
    }

    /** The pending outbox row of change 2, read straight from the core database. */
    static Lease lease(String tableId) {
        try (Connection c = TestTargets.connect(TestTargets.coreUrl(), TestTargets.ownerUser(), TestTargets.ownerPassword());
             // floor, not ::bigint's rounding: a renewal that started a moment after this statement's now() and
             // committed before its snapshot leaves up to a millisecond above the timeout, which rounding made 4001 ms
             PreparedStatement s = c.prepareStatement("SELECT claim_token, floor(extract(epoch FROM claimed_until - now()) * 1000)::bigint "
                     + "FROM schemasync.outbox WHERE stream_id = ?::uuid AND change_version = 2")) {
            s.setString(1, tableId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new Lease(r.getObject(1, UUID.class), r.getLong(2)) : new Lease(null, 0);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
