package io.hybridlicense.schemasync.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.TestTargets;
import io.hybridlicense.testing.Concurrently;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code Prefer: wait} loses no wake-up and holds no thread. The fallback re-read is set far beyond every
 * wait here, so a waiter that missed its signal would answer {@code pending} at its deadline; the worker
 * pool is small, so waits that held threads would starve every other request.
 */
@QuarkusTest
@TestProfile(PreferWaitTest.FewWorkersNoFallback.class)
class PreferWaitTest {

    static final int WORKER_THREADS = 8;

    /**
     * Eight worker threads; the fallback re-read after a minute and the fallback poll after ten, beyond
     * every wait of these tests and of {@link CrossInstanceWakeUpTest}, which shares this profile (one
     * Quarkus start for both); the listener's reconnection attempts logged.
     */
    public static class FewWorkersNoFallback implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.thread-pool.max-threads", Integer.toString(WORKER_THREADS),
                    "hl.schemasync.wait-recheck-interval", "60s",
                    "hl.schemasync.poll-interval", "10m",
                    "quarkus.log.category.\"io.hybridlicense.platform.notices.DatabaseNotices\".level", "DEBUG");
        }
    }

    @Inject
    StallingBeforeWaitHook hook;
    @Inject
    Settlements settlements;

    @Test
    void aSettlementBetweenTheReadAndTheWait_wakesTheWaiterAtOnce() {
        Api api = Api.asNewUser();
        String ds = api.register(TestTargets.postgresql());
        String tableId = api.request().header("Prefer", "wait=10").body(Map.of("name", "raced"))
                .post("/api/v1/datasources/" + ds + "/tables").then().statusCode(202).extract().path("tableId");
        api.synced(tableId);
        UUID id = UUID.fromString(tableId);
        boolean provoked = false;
        // the poller may settle a change before the request reads it; then there is no gap to provoke: try again
        for (int attempt = 0; attempt < 10 && !provoked; attempt++) {
            hook.stallOnce(id);
            long started = System.nanoTime();
            String status = api.request().header("Prefer", "wait=20").body(Api.column("c" + attempt, "integer"))
                    .post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202).extract().path("status");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            hook.disarm(id);
            provoked = hook.stalled(id);
            if (provoked) {
                // a lost signal leaves the waiter asleep until its deadline (20 s; the fallback re-read is at 60 s)
                assertThat(took).as("time to answer after a settlement between read and wait").isLessThan(Duration.ofSeconds(10));
                assertThat(status).isEqualTo("synced");
            }
        }
        assertThat(provoked).as("the interleaving was provoked").isTrue();
    }

    @Test
    void manyParallelChangesWithPreferWait_allAnswerOnceSettled() throws Exception {
        Api api = Api.asNewUser();
        String ds = api.register(TestTargets.postgresql());
        int tables = 3 * WORKER_THREADS;
        List<String> ids = Concurrently.run(tables, i -> api.request().header("Prefer", "wait=25")
                .body(Map.of("name", "parallel_" + i)).post("/api/v1/datasources/" + ds + "/tables")
                .then().statusCode(202).extract().jsonPath().getString("status") + " " + i);
        assertThat(ids).allMatch(answer -> answer.startsWith("synced "));

        List<String> tableIds = api.request().get("/api/v1/datasources/" + ds + "/tables").then().statusCode(200)
                .extract().jsonPath().getList("tableId");
        for (int round = 0; round < 3; round++) {
            String column = "col_" + round;
            // one change per table and round: its answer is the table's status once that change settled
            List<String> answers = Concurrently.run(tables, i -> api.request().header("Prefer", "wait=25")
                    .body(Api.column(column, "integer")).post("/api/v1/tables/" + tableIds.get(i) + "/columns")
                    .then().statusCode(202).extract().path("status"));
            assertThat(answers).hasSize(tables).containsOnly("synced");
        }
    }

    @Test
    void moreWaitersThanWorkerThreads_allComplete_whileOtherRequestsAreServed() throws Exception {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.postgresql();
        String ds = api.register(target);
        String tableId = api.request().header("Prefer", "wait=10").body(Map.of("name", "busy"))
                .post("/api/v1/datasources/" + ds + "/tables").then().statusCode(202).extract().path("tableId");
        api.synced(tableId);
        int waiters = 3 * WORKER_THREADS;
        ExecutorService clients = Executors.newFixedThreadPool(waiters);
        try (java.sql.Connection holder = target.connect()) {
            holder.setAutoCommit(false);
            try (java.sql.Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
            }
            api.request().body(Api.column("late", "integer")).post("/api/v1/tables/" + tableId + "/columns").then().statusCode(202);
            List<Future<JsonPath>> answers = new ArrayList<>();
            for (int i = 0; i < waiters; i++) {
                answers.add(clients.submit(() -> api.request().header("Prefer", "wait=25").get("/api/v1/tables/" + tableId)
                        .then().statusCode(200).extract().jsonPath()));
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> settlements.waiting() >= waiters);

            long started = System.nanoTime();
            assertThat(api.table(tableId).getString("status")).isEqualTo("pending");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(answers).noneMatch(Future::isDone);

            holder.rollback();
            for (Future<JsonPath> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS).getString("status")).isEqualTo("synced");
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(target.columns("busy")).contains("late");
    }
}
