package io.hybridlicense.schemasync.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.SchemaSyncConfig;
import io.hybridlicense.schemasync.TestTargets;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Lost the lease" is a warning operators page on: it must be logged for every real loss, once, and
 * never for a change this server has just finished (the heartbeat used to race the completion: 5
 * warnings in 1,200 sequential changes, without any lapse).
 */
@QuarkusTest
class LostLeaseWarningTest {

    @Inject
    LingeringAfterSettlement lingering;
    @Inject
    CrashingAfterDdlHook hook;
    @Inject
    SchemaSyncConfig config;

    private CapturedLog logged;

    @BeforeEach
    void capture() {
        logged = CapturedLog.of(ApplyQueuedChange.class, OutboxDispatcher.class, SettleChange.class);
    }

    @AfterEach
    void release() {
        logged.close();
    }

    @Test
    void aChangeJustFinished_isNeverReportedAsLost_evenWhenHeartbeatsRunBeforeItsAttemptEnds() {
        Api api = Api.asNewUser();
        String ds = api.register(TestTargets.postgresql());
        String tableId = api.createTable(ds, Map.of("name", "finished"));
        api.synced(tableId);
        Duration twoHeartbeats = config.claimTimeout().dividedBy(2).plusMillis(500);
        lingering.linger(UUID.fromString(tableId), twoHeartbeats);
        try {
            for (int c = 1; c <= 3; c++) {
                api.request().header("Prefer", "wait=20").body(Api.column("c" + c, "integer"))
                        .post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202);
                api.synced(tableId);
            }
            // the last attempt lingers after its outcome, through heartbeats, before it ends
            await().during(twoHeartbeats.plusMillis(500)).atMost(twoHeartbeats.plusSeconds(2))
                    .until(() -> lostLeaseWarnings(tableId) == 0);
        } finally {
            lingering.stop(UUID.fromString(tableId));
        }
        assertThat(lostLeaseWarnings(tableId)).as("warnings of a lost lease for changes that finished normally").isZero();
    }

    @Test
    void aClaimTakenOverWhileTheAttemptRuns_isReportedOnce_andOnlyTheNewHolderRecordsTheOutcome() throws Exception {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.postgresql();
        String ds = api.register(target);
        String tableId = api.createTable(ds, Map.of("name", "taken"));
        api.synced(tableId);
        hook.stallOnceAfter(UUID.fromString(tableId), 2, config.claimTimeout());

        api.request().body(Api.column("late", "integer")).post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> target.columns("taken").contains("late"));
        // another server's claim, as after a lapse: a new token, a lease of its own
        claimAsAnotherServer(tableId, "now() + interval '1 hour'");

        await().atMost(config.claimTimeout().plusSeconds(5)).untilAsserted(() -> assertThat(lostLeaseWarnings(tableId))
                .as("warnings logged: %s", logged.messages(Level.WARNING)).isGreaterThanOrEqualTo(1));
        await().during(config.claimTimeout().dividedBy(2)).atMost(config.claimTimeout()).until(() -> lostLeaseWarnings(tableId) >= 1);
        assertThat(lostLeaseWarnings(tableId)).as("warnings for one lost lease").isEqualTo(1);
        assertThat(api.events(tableId)).noneMatch(e -> ((Number) e.get("change")).intValue() == 2
                && ("ChangeConfirmed".equals(e.get("type")) || "ChangeRejected".equals(e.get("type"))));

        // the other server "dies": its lease lapses, this server takes the change over and finds the column there
        claimAsAnotherServer(tableId, "now() - interval '1 second'");
        api.synced(tableId);
        List<Map<String, Object>> confirmations = api.events(tableId).stream()
                .filter(e -> "ChangeConfirmed".equals(e.get("type")) && ((Number) e.get("change")).intValue() == 2).toList();
        assertThat(confirmations).hasSize(1);
        assertThat(((Map<?, ?>) confirmations.get(0).get("data")).get("alreadyApplied")).isEqualTo(true);
    }

    private long lostLeaseWarnings(String tableId) {
        return logged.messages(Level.WARNING).stream()
                .filter(message -> message.toLowerCase(Locale.ROOT).contains("lost the lease") && message.contains(tableId)).count();
    }

    private static void claimAsAnotherServer(String tableId, String leaseEnd) throws Exception {
        try (Connection owner = TestTargets.connect(TestTargets.coreUrl(), TestTargets.ownerUser(), TestTargets.ownerPassword());
             PreparedStatement steal = owner.prepareStatement("UPDATE schemasync.outbox SET claim_token = gen_random_uuid(), "
                     + "claimed_until = " + leaseEnd + " WHERE stream_id = ?::uuid AND change_version = 2 AND status = 'pending'")) {
            steal.setString(1, tableId);
            assertThat(steal.executeUpdate()).isEqualTo(1);
        }
    }
}
