package io.hybridlicense.webhooks.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.hybridlicense.license.api.LicenseExtended;
import io.hybridlicense.schemasync.api.DriftDetected;
import io.hybridlicense.schemasync.api.DriftView;
import io.hybridlicense.shared.Jdbc;
import io.hybridlicense.testing.Users;
import io.hybridlicense.webhooks.Receiver;
import io.hybridlicense.webhooks.StandardWebhooksVerifier;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery end to end: real events committed by the modules, a real HTTP receiver on loopback, the
 * signature checked by the standardwebhooks npm package; retries, rollback, lease takeover, parallel claims.
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Event<LicenseExtended> extended;

    @Inject
    Event<DriftDetected> drift;

    @Inject
    Deliveries deliveries;

    @Inject
    DeliveryRetentionJob retention;

    @Inject
    DeliverOne deliverOne;

    @Inject
    Jdbc jdbc;

    private Receiver receiver;
    private String admin;
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
        admin = Users.TestUser.admin().accessToken();
    }

    @AfterEach
    void stop() {
        created.forEach(path -> given().auth().oauth2(admin).delete(path));
        receiver.close();
    }

    @Test
    void aCommittedEvent_isDeliveredSigned_andVerifiesIndependently() throws Exception {
        Response endpoint = register(admin, "/api/v1/admin/webhooks", "/signed", List.of("user.registered"));
        String secret = endpoint.path("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32);

        Users.TestUser user = Users.aUser().register();

        Receiver.Received request = awaitOne("/signed", user.userId().toString());
        assertThat(request.headers()).containsEntry("content-type", "application/json").containsKeys("webhook-id",
                "webhook-timestamp", "webhook-signature");
        assertThat(request.headers().get("webhook-signature")).startsWith("v1,");
        assertThat(Math.abs(Long.parseLong(request.headers().get("webhook-timestamp")) - Instant.now().getEpochSecond())).isLessThan(60);
        assertThat(request.body()).contains("\"type\":\"user.registered\"").contains("\"timestamp\":").contains("\"data\":{");
        assertThat(StandardWebhooksVerifier.verify(secret, request)).isEqualTo("ok");
        assertThat(StandardWebhooksVerifier.verify(newSecretOtherThan(secret), request)).startsWith("fail");
        // the secret is never shown again, and never stored as such
        given().auth().oauth2(admin).get("/api/v1/admin/webhooks/" + endpoint.path("id")).then().statusCode(200)
                .body("secret", equalTo(null));
        assertThat(jdbc.one("SELECT count(*) FROM webhooks.endpoint WHERE position(convert_to(?, 'UTF8') IN secret) > 0",
                row -> row.getLong(1), secret.substring(6)).orElseThrow()).isZero();
    }

    @Test
    void aRotatedSecret_andThePreviousOne_bothSign_forADay() throws Exception {
        Response endpoint = register(admin, "/api/v1/admin/webhooks", "/rotated", List.of("user.registered"));
        String old = endpoint.path("secret");
        String fresh = given().auth().oauth2(admin).post("/api/v1/admin/webhooks/" + endpoint.path("id") + "/rotate-secret")
                .then().statusCode(200).extract().path("secret");
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);

        Users.TestUser user = Users.aUser().register();

        Receiver.Received request = awaitOne("/rotated", user.userId().toString());
        assertThat(request.headers().get("webhook-signature").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThat(StandardWebhooksVerifier.verify(fresh, request)).isEqualTo("ok");
        assertThat(StandardWebhooksVerifier.verify(old, request)).isEqualTo("ok");
    }

    @Test
    void aReceiverAnswering500_isRetried_untilItAnswers200_withTheSameId() {
        receiver.answer("/flaky", n -> n <= 2 ? 500 : 200);
        Response endpoint = register(admin, "/api/v1/admin/webhooks", "/flaky", List.of("user.registered"));
        Users.TestUser user = Users.aUser().register();

        await().atMost(WAIT).until(() -> ofUser("/flaky", user).stream().anyMatch(r -> true)
                && delivery(endpoint, user).map(d -> "delivered".equals(d.get("status"))).orElse(false));
        List<Receiver.Received> attempts = ofUser("/flaky", user);
        assertThat(attempts).hasSize(3);
        assertThat(attempts.stream().map(Receiver.Received::id).distinct()).hasSize(1);
        Map<String, Object> row = delivery(endpoint, user).orElseThrow();
        assertThat(row).containsEntry("attempts", 3).containsEntry("lastStatusCode", 200);
        assertThat((String) row.get("lastResponse")).contains("\"received\":3");
        assertThat((Integer) row.get("lastLatencyMs")).isNotNull();
    }

    @Test
    void aReceiverThatNeverSucceeds_endsFailed_afterTheLastAttempt_andARedirectIsNotFollowed() {
        receiver.answer("/down", n -> 500);
        receiver.answer("/moved", n -> 302);
        Response down = register(admin, "/api/v1/admin/webhooks", "/down", List.of("user.registered"));
        Response moved = register(admin, "/api/v1/admin/webhooks", "/moved", List.of("user.registered"));
        Users.TestUser user = Users.aUser().register();

        await().atMost(WAIT).until(() -> delivery(down, user).map(d -> "failed".equals(d.get("status"))).orElse(false)
                && delivery(moved, user).map(d -> "failed".equals(d.get("status"))).orElse(false));
        assertThat(delivery(down, user).orElseThrow()).containsEntry("attempts", 5).containsEntry("lastStatusCode", 500);
        assertThat(delivery(moved, user).orElseThrow()).containsEntry("lastStatusCode", 302)
                .containsEntry("lastError", "redirect not followed");
        assertThat(receiver.at("/elsewhere")).isEmpty();
        assertThat(ofUser("/down", user)).hasSize(5);

        // by hand: due again, same webhook-id, fresh attempts
        receiver.answer("/down", n -> 200);
        String id = (String) delivery(down, user).orElseThrow().get("id");
        given().auth().oauth2(admin).post("/api/v1/admin/webhooks/" + down.path("id") + "/deliveries/" + id + "/redeliver")
                .then().statusCode(202).body("status", equalTo("pending"));
        await().atMost(WAIT).until(() -> "delivered".equals(delivery(down, user).orElseThrow().get("status")));
        assertThat(ofUser("/down", user)).hasSize(6).allMatch(r -> r.id().equals(id));
    }

    @Test
    void aRolledBackChange_sendsNothing_aCommittedOne_isSent() {
        register(admin, "/api/v1/admin/webhooks", "/tx", List.of("license.extended"));
        UUID rolledBack = UUID.randomUUID();
        UUID committed = UUID.randomUUID();
        Instant now = Instant.now();

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            extended.fire(new LicenseExtended(rolledBack, UUID.randomUUID(), now, now.plusSeconds(60), 1, null));
            throw new IllegalStateException("the change fails after its event");
        })).hasMessage("the change fails after its event");
        QuarkusTransaction.requiringNew().run(() ->
                extended.fire(new LicenseExtended(committed, UUID.randomUUID(), now, now.plusSeconds(60), 1, null)));

        await().atMost(WAIT).until(() -> receiver.at("/tx").stream().anyMatch(r -> r.body().contains(committed.toString())));
        assertThat(receiver.at("/tx")).noneMatch(r -> r.body().contains(rolledBack.toString()));
        assertThat(jdbc.one("SELECT count(*) FROM webhooks.delivery WHERE body LIKE ?", row -> row.getLong(1),
                "%" + rolledBack + "%").orElseThrow()).isZero();
    }

    @Test
    void aUsersEndpoint_hearsOnlyTheirOwnEvents() {
        Users.TestUser owner = Users.aUser().register();
        Users.TestUser other = Users.aUser().register();
        String token = owner.accessToken();
        Response endpoint = register(token, "/api/v1/webhooks", "/mine", List.of("license.activated"));
        created.remove(created.size() - 1);

        Users.Activated theirs = other.activated();
        Users.Activated mine = owner.activated();

        await().atMost(WAIT).until(() -> receiver.at("/mine").stream().anyMatch(r -> r.body().contains(mine.licenseId().toString())));
        assertThat(receiver.at("/mine")).noneMatch(r -> r.body().contains(theirs.licenseId().toString()));
        given().auth().oauth2(token).get("/api/v1/webhooks/" + endpoint.path("id") + "/deliveries").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].eventType", equalTo("license.activated"));
        given().auth().oauth2(token).delete("/api/v1/webhooks/" + endpoint.path("id")).then().statusCode(204);
    }

    @Test
    void schemasyncEvents_reachTheTablesOwnersEndpoints_only() {
        Users.TestUser owner = Users.aUser().register();
        Users.TestUser other = Users.aUser().register();
        register(owner.accessToken(), "/api/v1/webhooks", "/owner", List.of("schemasync.drift_detected"));
        register(other.accessToken(), "/api/v1/webhooks", "/other", List.of("schemasync.drift_detected"));
        UUID table = UUID.randomUUID();

        QuarkusTransaction.requiringNew().run(() -> drift.fire(new DriftDetected(table, UUID.randomUUID(),
                owner.userId().toString(), List.of(new DriftView("extra-column", "note", null, "text")), "system")));

        Receiver.Received request = awaitOne("/owner", table.toString());
        assertThat(request.body()).contains("\"type\":\"schemasync.drift_detected\"").contains("\"kind\":\"extra-column\"");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> receiver.at("/other").isEmpty());
    }

    @Test
    void aClaimWhoseLeaseLapsed_isDeliveredByAnotherClaim_aLiveLeaseIsNot() {
        Response endpoint = register(admin, "/api/v1/admin/webhooks", "/lease", List.of("license.extended"));
        UUID endpointId = UUID.fromString(endpoint.path("id"));
        UUID lapsed = UUID.randomUUID();
        UUID held = UUID.randomUUID();
        // as an instance killed mid-delivery leaves them: claimed, attempt counted, never settled
        insertClaimed(lapsed, endpointId, "-1 second");
        insertClaimed(held, endpointId, "4 seconds");

        await().atMost(WAIT).until(() -> receiver.idCounts("/lease").containsKey(lapsed.toString()));
        assertThat(receiver.idCounts("/lease")).doesNotContainKey(held.toString());
        await().atMost(WAIT).until(() -> receiver.idCounts("/lease").containsKey(held.toString()));
        await().atMost(WAIT).until(() -> "delivered".equals(status(lapsed)) && "delivered".equals(status(held)));
        assertThat(receiver.idCounts("/lease")).containsEntry(lapsed.toString(), 1L).containsEntry(held.toString(), 1L);
        assertThat(jdbc.one("SELECT attempts FROM webhooks.delivery WHERE id = ?", row -> row.getInt(1), lapsed).orElseThrow()).isEqualTo(2);
    }

    @Test
    void parallelClaims_deliverEachRowExactlyOnce() throws Exception {
        Response endpoint = register(admin, "/api/v1/admin/webhooks", "/parallel", List.of("license.extended"));
        UUID endpointId = UUID.fromString(endpoint.path("id"));
        int rows = 120;
        jdbc.update("INSERT INTO webhooks.delivery (id, endpoint_id, event_type, body, status, next_attempt_at, created_at) "
                + "SELECT gen_random_uuid(), ?, 'license.extended', '{\"n\":' || n || '}', 'pending', now(), now() "
                + "FROM generate_series(1, ?) n", endpointId, rows);
        ExecutorService claimers = Executors.newFixedThreadPool(4);
        AtomicBoolean done = new AtomicBoolean();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            running.add(claimers.submit(() -> {
                while (!done.get()) {
                    deliveries.claim(5, 20, Duration.ofSeconds(30)).forEach(deliverOne::run);
                }
            }));
        }
        try {
            await().atMost(WAIT).until(() -> jdbc.one("SELECT count(*) FROM webhooks.delivery WHERE endpoint_id = ? "
                    + "AND status = 'delivered'", row -> row.getLong(1), endpointId).orElseThrow() == rows);
        } finally {
            done.set(true);
            for (Future<?> claimer : running) {
                claimer.get(30, TimeUnit.SECONDS);
            }
            claimers.shutdownNow();
        }
        Map<String, Long> counts = receiver.idCounts("/parallel");
        assertThat(counts).hasSize(rows);
        assertThat(counts.values()).allMatch(n -> n == 1L);
    }

    @Test
    void aReceiverDownForAWhile_thenBack_getsEveryEvent_inCommitOrder_perEndpoint() {
        receiver.answer("/ordered", n -> n <= 3 ? 503 : 200);
        register(admin, "/api/v1/admin/webhooks", "/ordered", List.of("license.extended"));
        register(admin, "/api/v1/admin/webhooks", "/ordered-up", List.of("license.extended"));
        List<String> committed = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 30; i++) {
            UUID license = UUID.randomUUID();
            QuarkusTransaction.requiringNew().run(() ->
                    extended.fire(new LicenseExtended(license, UUID.randomUUID(), now, now.plusSeconds(60), 1, null)));
            committed.add(license.toString());
        }

        await().atMost(WAIT).until(() -> receiver.at("/ordered").size() >= 33 && receiver.at("/ordered-up").size() >= 30);

        List<Receiver.Received> down = receiver.at("/ordered");
        assertThat(down.subList(0, 4)).as("the first event, refused three times, then taken").extracting(Receiver.Received::id)
                .containsOnly(down.get(0).id());
        assertThat(licensesIn(down.subList(3, down.size()))).as("taken in commit order, each once").isEqualTo(committed);
        assertThat(licensesIn(receiver.at("/ordered-up"))).as("the other endpoint, up throughout").isEqualTo(committed);
    }

    @Test
    void aReceiverRefusingConnections_thenBackOnItsPort_getsEveryEvent_inCommitOrder() throws Exception {
        Receiver down = new Receiver();
        Response endpoint = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("url", down.url("/refused"), "events", List.of("license.extended"))).post("/api/v1/admin/webhooks");
        endpoint.then().statusCode(201);
        created.add("/api/v1/admin/webhooks/" + endpoint.path("id"));
        int port = down.port();
        down.close(); // connection refused from now on
        List<String> committed = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 10; i++) {
            UUID license = UUID.randomUUID();
            QuarkusTransaction.requiringNew().run(() ->
                    extended.fire(new LicenseExtended(license, UUID.randomUUID(), now, now.plusSeconds(60), 1, null)));
            committed.add(license.toString());
        }
        UUID endpointId = UUID.fromString(endpoint.path("id"));
        // back up once the first event was refused twice (before its last attempt: 5 in the test profile)
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> jdbc.one("SELECT attempts FROM webhooks.delivery "
                + "WHERE endpoint_id = ? ORDER BY seq LIMIT 1", row -> row.getInt(1), endpointId).orElse(0) >= 2);
        try (Receiver up = new Receiver(port)) {
            await().atMost(WAIT).until(() -> up.at("/refused").size() >= 10);
            assertThat(licensesIn(up.at("/refused"))).as("every event, in commit order, each once").isEqualTo(committed);
            await().atMost(WAIT).until(() -> jdbc.one("SELECT status || ' ' || attempts FROM webhooks.delivery "
                    + "WHERE endpoint_id = ? ORDER BY seq LIMIT 1", row -> row.getString(1), endpointId).orElseThrow()
                    .matches("delivered [3-5]"));

        }
    }

    private static List<String> licensesIn(List<Receiver.Received> requests) {
        return requests.stream().map(r -> r.body().replaceAll(".*\"licenseId\":\"([^\"]+)\".*", "$1")).toList();
    }

    @Test
    void rowsClaimedByAnOpenTransaction_areSkipped_notWaitedFor_andNotClaimedAgainOnceItCommits() throws Exception {
        Response endpoint = register(admin, "/api/v1/admin/webhooks", "/locked", List.of("license.extended"));
        UUID endpointId = UUID.fromString(endpoint.path("id"));
        jdbc.update("INSERT INTO webhooks.delivery (id, endpoint_id, event_type, body, status, next_attempt_at, created_at) "
                + "SELECT gen_random_uuid(), ?, 'license.extended', '{}', 'pending', now(), now() FROM generate_series(1, 20)", endpointId);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            QuarkusTransaction.begin();
            List<UUID> mine;
            try {
                mine = deliveries.claim(100, 100, Duration.ofSeconds(30)).stream()
                        .filter(c -> c.endpointId().equals(endpointId)).map(Deliveries.Claim::id).toList();
                assertThat(mine).as("claimed before the worker's poll").isNotEmpty();
                // another claimer while this transaction holds the rows: it skips them at once
                List<UUID> meanwhile = other.submit(() -> deliveries.claim(100, 100, Duration.ofSeconds(30)).stream()
                        .map(Deliveries.Claim::id).toList()).get(3, TimeUnit.SECONDS);
                assertThat(meanwhile).doesNotContainAnyElementsOf(mine);
            } finally {
                QuarkusTransaction.commit();
            }
            List<UUID> after = other.submit(() -> deliveries.claim(100, 100, Duration.ofSeconds(30)).stream()
                    .map(Deliveries.Claim::id).toList()).get(3, TimeUnit.SECONDS);
            assertThat(after).doesNotContainAnyElementsOf(mine);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void settledDeliveriesPastTheRetention_areDeleted_pendingOnesNever() {
        Response endpoint = register(admin, "/api/v1/admin/webhooks", "/retention", List.of("license.extended"));
        UUID endpointId = UUID.fromString(endpoint.path("id"));
        UUID oldDelivered = UUID.randomUUID();
        UUID oldFailed = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        UUID waiting = UUID.randomUUID();
        insertSettled(oldDelivered, endpointId, "delivered", "31 days");
        insertSettled(oldFailed, endpointId, "failed", "31 days");
        insertSettled(recent, endpointId, "delivered", "29 days");
        jdbc.update("INSERT INTO webhooks.delivery (id, endpoint_id, event_type, body, status, next_attempt_at, created_at) "
                + "VALUES (?, ?, 'license.extended', '{}', 'pending', now() + interval '1 day', now() - interval '40 days')", waiting, endpointId);

        retention.purge();

        assertThat(jdbc.list("SELECT id FROM webhooks.delivery WHERE endpoint_id = ?", row -> row.getObject(1, UUID.class), endpointId))
                .containsExactlyInAnyOrder(recent, waiting);
    }

    private void insertSettled(UUID id, UUID endpoint, String status, String ago) {
        jdbc.update("INSERT INTO webhooks.delivery (id, endpoint_id, event_type, body, status, next_attempt_at, created_at, "
                + "finished_at) VALUES (?, ?, 'license.extended', '{}', ?, now(), now() - ?::interval, now() - ?::interval)",
                id, endpoint, status, ago, ago);
    }

    private void insertClaimed(UUID id, UUID endpoint, String leaseLeft) {
        jdbc.update("INSERT INTO webhooks.delivery (id, endpoint_id, event_type, body, status, attempts, next_attempt_at, "
                + "claim_token, claimed_until, created_at) VALUES (?, ?, 'license.extended', '{}', 'pending', 1, now(), "
                + "gen_random_uuid(), now() + ?::interval, now())", id, endpoint, leaseLeft);
    }

    private String status(UUID delivery) {
        return jdbc.one("SELECT status FROM webhooks.delivery WHERE id = ?", row -> row.getString(1), delivery).orElseThrow();
    }

    private Response register(String token, String base, String path, List<String> events) {
        Response response = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(path), "events", events, "description", "test " + path)).post(base);
        response.then().statusCode(201);
        created.add("/api/v1/admin/webhooks/" + response.path("id"));
        return response;
    }

    private List<Receiver.Received> ofUser(String path, Users.TestUser user) {
        return receiver.at(path).stream().filter(r -> r.body().contains(user.userId().toString())).toList();
    }

    private Receiver.Received awaitOne(String path, String marker) {
        await().atMost(WAIT).until(() -> receiver.at(path).stream().anyMatch(r -> r.body().contains(marker)));
        return receiver.at(path).stream().filter(r -> r.body().contains(marker)).findFirst().orElseThrow();
    }

    /** The endpoint's delivery of the user's registration, as the API lists it. */
    private java.util.Optional<Map<String, Object>> delivery(Response endpoint, Users.TestUser user) {
        List<Map<String, Object>> rows = given().auth().oauth2(admin)
                .get("/api/v1/admin/webhooks/" + endpoint.path("id") + "/deliveries").then().statusCode(200).extract().path("$");
        String id = ofUser(receiverPath(endpoint), user).stream().map(Receiver.Received::id).findFirst().orElse(null);
        return rows.stream().filter(row -> row.get("id").equals(id)).findFirst();
    }

    private static String receiverPath(Response endpoint) {
        return java.net.URI.create(endpoint.path("url")).getPath();
    }

    private static String newSecretOtherThan(String secret) {
        String other;
        do {
            other = io.hybridlicense.webhooks.endpoint.Signatures.newSecret(new java.security.SecureRandom());
        } while (other.equals(secret));
        return other;
    }
}
