package io.hybridlicense.license.heartbeat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hybridlicense.testing.LoopbackClient;
import io.hybridlicense.testing.PackagedAppEnvironment;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A machine's life under a policy that requires heartbeats, against the packaged application (jar, or the
 * native binary with {@code -Dnative}) with its production timings (the cull every 10 s, 5 s guard): alive
 * while it pings, dead when it stops, culled (its seat freed), and revived by a ping within the window.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppEnvironment.class)
class HeartbeatIT {

    private static final String PASSWORD = "packaged app password";

    @Test
    void aMachineThatStopsPinging_isDead_thenCulled_andAPingWithinTheWindowRevivesIt() throws Exception {
        String admin = login(PackagedAppEnvironment.ADMIN_EMAIL, PackagedAppEnvironment.adminPassword());
        String plan = planWithHeartbeats(admin, "PT2S", "PT1S", "PT0S", "PT1H");
        String email = register("127.0.0.8");
        String userId = given().auth().oauth2(login(email, PASSWORD)).get("/api/v1/auth/me").then().statusCode(200)
                .extract().path("userId");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("plan", plan))
                .post("/api/v1/admin/users/" + userId + "/plan").then().statusCode(200);

        Response activation = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "clientId", "it-heartbeat-" + UUID.randomUUID()))
                .post("/api/v1/licenses/activate");
        activation.then().statusCode(201);
        String token = activation.path("token");
        String licenseId = activation.path("licenseId");

        Instant before = Instant.now();
        Response ping = ping(token);
        ping.then().statusCode(200);
        assertThat(Duration.between(before, Instant.parse(ping.path("nextBefore"))))
                .as("interval + grace").isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(validate(token)).isEqualTo("VALID");

        await("dead once interval + grace passed").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> validate(token).equals("HEARTBEAT_DEAD"));
        await("culled by the job").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                .until(() -> status(admin, licenseId).equals("deactivated"));

        ping(token).then().statusCode(200);
        assertThat(status(admin, licenseId)).as("revived by the ping").isEqualTo("active");
        assertThat(validate(token)).isEqualTo("VALID");
    }

    @Test
    void aPingUnderAPolicyWithoutHeartbeats_is409_andABadToken401() throws Exception {
        String email = register("127.0.0.9");
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "clientId", "it-no-heartbeat-" + UUID.randomUUID()))
                .post("/api/v1/licenses/activate").then().statusCode(201).extract().path("token");

        ping(token).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:hybrid-license:problem:heartbeat-not-required"));
        ping(token.substring(0, token.length() - 4) + "AAAA").then().statusCode(401).contentType("application/problem+json");
    }

    private static String planWithHeartbeats(String admin, String interval, String grace, String cullAfter, String resurrectWithin) {
        Map<String, Object> terms = new HashMap<>();
        terms.put("name", "it-heartbeat-" + UUID.randomUUID().toString().substring(0, 8));
        terms.put("seats", 1);
        terms.put("duration", "P365D");
        terms.put("entitlements", List.of());
        terms.put("heartbeatInterval", interval);
        terms.put("heartbeatGrace", grace);
        terms.put("cullAfter", cullAfter);
        terms.put("resurrectWithin", resurrectWithin);
        String policyId = given().auth().oauth2(admin).contentType(ContentType.JSON).body(terms).post("/api/v1/admin/policies")
                .then().statusCode(201).extract().path("id");
        String plan = "it-hb-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("code", plan, "policyId", policyId))
                .post("/api/v1/admin/plans").then().statusCode(201);
        return plan;
    }

    /** Registrations from 127.0.0.1 are counted for all the ITs together: these come from an address of their own. */
    private static String register(String loopbackAddress) throws Exception {
        String email = "it-heartbeat-" + UUID.randomUUID() + "@example.test";
        LoopbackClient.Answer registered = LoopbackClient.from(loopbackAddress).postJson(RestAssured.port, "/api/v1/auth/register",
                new ObjectMapper().writeValueAsString(Map.of("email", email, "password", PASSWORD)), Map.of());
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return email;
    }

    private static String login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
    }

    private static Response ping(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/api/v1/licenses/heartbeat");
    }

    private static String validate(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/api/v1/licenses/validate")
                .then().statusCode(200).extract().path("code");
    }

    private static String status(String admin, String licenseId) {
        return given().auth().oauth2(admin).get("/api/v1/licenses/" + licenseId).then().statusCode(200).extract().path("status");
    }
}
