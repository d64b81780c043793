package io.hybridlicense.license.heartbeat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hybridlicense.shared.Jdbc;
import io.hybridlicense.testing.Concurrently;
import io.hybridlicense.testing.Users.Activated;
import io.hybridlicense.testing.Users.TestUser;
import io.hybridlicense.webhooks.Receiver;
import io.hybridlicense.webhooks.StandardWebhooksVerifier;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code license.heartbeat_dead}: announced once per death, in the transaction that marks it, again after a
 * ping and a second death; before the cull's {@code license.culled}. Real PostgreSQL, deadlines moved with
 * SQL on the database's clock, a real receiver verifying the signature with the standardwebhooks package.
 */
@QuarkusTest
class HeartbeatDeadTest {

    @Inject
    HeartbeatDeadJob deaths;
    @Inject
    CullJob cull;
    @Inject
    Jdbc jdbc;

    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private static TestUser userUnder(String interval, String cullAfter) {
        return HeartbeatPolicies.userUnder(3, interval, "PT0S", cullAfter, null);
    }

    /** The user's own endpoint hearing these types; its signing secret. */
    private String endpointOf(TestUser user, String path, List<String> events) {
        return given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(path), "events", events)).post("/api/v1/webhooks")
                .then().statusCode(201).extract().path("secret");
    }

    /** Dead for a minute on the database's clock (beyond the job's guard). */
    private void killAMinuteAgo(UUID licenseId) {
        jdbc.update("UPDATE license.licenses SET heartbeat_deadline = now() - interval '1 minute', "
                + "cull_at = cull_at - heartbeat_deadline + (now() - interval '1 minute') WHERE id = ?", licenseId);
    }

    /** The outbox rows of this type about this license, in commit order. */
    private List<String> outbox(String type, UUID licenseId) {
        return jdbc.list("SELECT event_type FROM webhooks.delivery WHERE event_type LIKE ? AND body LIKE ? ORDER BY seq",
                row -> row.getString(1), type, "%" + licenseId + "%");
    }

    private static void ping(Activated machine) {
        given().contentType(ContentType.JSON).body(Map.of("token", machine.token())).post("/api/v1/licenses/heartbeat")
                .then().statusCode(200);
    }

    @Test
    void aDeadMachine_isAnnouncedOnce_signed_andAgainOnlyAfterItPingedAndDiedAgain() throws Exception {
        TestUser user = userUnder("PT1M", null);
        String secret = endpointOf(user, "/dead", List.of("license.heartbeat_dead"));
        Activated machine = user.activated();

        deaths.announceDead();
        assertThat(outbox("license.heartbeat_dead", machine.licenseId())).as("alive: nothing").isEmpty();

        killAMinuteAgo(machine.licenseId());
        deaths.announceDead();
        deaths.announceDead();
        assertThat(outbox("license.heartbeat_dead", machine.licenseId())).hasSize(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.at("/dead").size() == 1);
        Receiver.Received first = receiver.at("/dead").get(0);
        assertThat(first.body()).contains("\"type\":\"license.heartbeat_dead\"").contains(machine.licenseId().toString())
                .contains("\"clientId\":\"" + machine.clientId() + "\"").contains("\"deadline\":");
        assertThat(StandardWebhooksVerifier.verify(secret, first)).isEqualTo("ok");

        ping(machine); // alive again: its deadline moved
        deaths.announceDead();
        assertThat(outbox("license.heartbeat_dead", machine.licenseId())).as("a ping is no death").hasSize(1);

        killAMinuteAgo(machine.licenseId());
        deaths.announceDead();
        assertThat(outbox("license.heartbeat_dead", machine.licenseId())).as("dead again: announced again").hasSize(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.at("/dead").size() == 2);
        assertThat(receiver.idCounts("/dead")).hasSize(2);
    }

    @Test
    void parallelJobs_announceEachDeathExactlyOnce() throws Exception {
        TestUser user = userUnder("PT1M", null);
        endpointOf(user, "/parallel", List.of("license.heartbeat_dead"));
        List<Activated> machines = List.of(user.activated(), user.activated(), user.activated());
        machines.forEach(m -> killAMinuteAgo(m.licenseId()));

        Concurrently.run(6, i -> deaths.announceDead());
        await().atMost(Duration.ofSeconds(20)).until(() -> machines.stream()
                .allMatch(m -> outbox("license.heartbeat_dead", m.licenseId()).size() == 1));
        deaths.announceDead();
        for (Activated m : machines) {
            assertThat(outbox("license.heartbeat_dead", m.licenseId())).hasSize(1);
        }
    }

    @Test
    void theDeathIsAnnounced_beforeTheCull() {
        TestUser user = userUnder("PT1M", "PT0S");
        endpointOf(user, "/culled", List.of("license.heartbeat_dead", "license.culled"));
        Activated machine = user.activated();
        killAMinuteAgo(machine.licenseId());

        cull.cullDue();

        assertThat(outbox("license.%", machine.licenseId())).containsExactly("license.heartbeat_dead", "license.culled");
    }
}
