package io.hybridlicense.license;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridlicense.admin.api.AdminApi;
import io.hybridlicense.admin.api.AuditEntryView;
import io.hybridlicense.license.store.LicenseEntity;
import io.hybridlicense.testing.Concurrently;
import io.hybridlicense.testing.Json;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ActivationTest {

    @Inject
    AdminApi audit;
    @Inject
    EntityManager em;

    @Test
    void activate_createsALicenseWithASignedToken_andTheAuditEntry() {
        TestUser user = Users.aUser().register();
        String clientId = "machine-" + UUID.randomUUID();

        Response response = user.activate(clientId);

        response.then().statusCode(201)
                .body("clientId", equalTo(clientId))
                .body("status", equalTo("active"))
                .body("expiresAt", notNullValue())
                .body("token", notNullValue());
        String licenseId = response.path("licenseId");
        JsonNode claims = Json.jwtClaims(response.path("token"));
        assertThat(claims.get("licenseId").asText()).isEqualTo(licenseId);
        assertThat(claims.get("userId").asText()).isEqualTo(user.userId().toString());
        assertThat(claims.get("clientId").asText()).isEqualTo(clientId);
        assertThat(claims.get("plan").asText()).isEqualTo("free");
        assertThat(claims.get("status").asText()).isEqualTo("active");
        assertThat(claims.get("exp").asLong()).isEqualTo(Instant.parse(response.path("expiresAt")).getEpochSecond());
        assertThat(Duration.between(Instant.now(), Instant.parse(response.path("expiresAt"))).toDays()).isBetween(364L, 365L);
        List<AuditEntryView> trail = audit.auditTrailOf("license", licenseId);
        assertThat(trail).extracting(AuditEntryView::action).containsExactly("LICENSE_CREATED");
        assertThat(trail.get(0).actorId()).isEqualTo(user.userId().toString());
    }

    @Test
    void activatingTheSameClientAgain_returnsTheSameLicenseWithAFreshToken() {
        TestUser user = Users.aUser().register();
        String clientId = "machine-" + UUID.randomUUID();
        String first = user.activate(clientId).then().statusCode(201).extract().path("licenseId");

        user.activate(clientId).then().statusCode(200)
                .body("licenseId", equalTo(first))
                .body("token", notNullValue());

        assertThat(audit.auditTrailOf("license", first)).hasSize(1);
    }

    @Test
    void aClientIdHeldByAnotherUser_is409() {
        String clientId = "machine-" + UUID.randomUUID();
        Users.aUser().register().activate(clientId).then().statusCode(201);

        Users.aUser().withPlan("pro").register().activate(clientId)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:hybrid-license:problem:client-id-taken"));
    }

    @Test
    void theSeatLimit_is403_andTheFailedActivationLeavesNothing() {
        TestUser user = Users.aUser().register();
        user.activated();
        String clientId = "machine-" + UUID.randomUUID();

        user.activate(clientId).then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:hybrid-license:problem:seat-limit-reached"));

        assertThat(AuditRows.licensesWithClientId(clientId)).isZero();
        assertThat(AuditRows.licenseCreatedFor(em, clientId)).isZero();
    }

    @Test
    void wrongCredentials_are401_andLeaveNothing() {
        TestUser user = Users.aUser().register();
        String clientId = "machine-" + UUID.randomUUID();

        given().contentType(ContentType.JSON).header("X-Forwarded-For", Users.freshAddress())
                .body(Map.of("email", user.email(), "password", "wrong password", "clientId", clientId))
                .post("/api/v1/licenses/activate")
                .then().statusCode(401).contentType("application/problem+json")
                .body(not(org.hamcrest.Matchers.containsString("wrong password")));

        assertThat(AuditRows.licensesWithClientId(clientId)).isZero();
        assertThat(AuditRows.licenseCreatedFor(em, clientId)).isZero();
    }

    @Test
    void proPlan_allowsFiveSeats() {
        TestUser user = Users.aUser().withPlan("pro").register();
        for (int i = 0; i < 5; i++) {
            user.activated();
        }

        user.activate("machine-" + UUID.randomUUID()).then().statusCode(403);
    }

    @Test
    void racingForTheLastSeat_exactlyOneWins() throws Exception {
        TestUser user = Users.aUser().register();
        String prefix = "race-seat-" + UUID.randomUUID() + "-";

        // as many at once as the account's sign-in allowance admits (more would be 429 before their password check)
        List<Integer> statuses = Concurrently.run(5, i -> user.activate(prefix + i).statusCode());

        assertThat(statuses).containsOnly(201, 403).filteredOn(status -> status == 201).hasSize(1);
        long licenses = QuarkusTransaction.requiringNew().call(() -> LicenseEntity.count("userId", user.userId()));
        assertThat(licenses).isOne();
        long audits = 0;
        for (int i = 0; i < 5; i++) {
            audits += AuditRows.licenseCreatedFor(em, prefix + i);
        }
        assertThat(audits).as("no orphan audit rows").isOne();
    }

    @Test
    void racingForOneClientId_acrossUsers_exactlyOneWins() throws Exception {
        List<TestUser> users = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            users.add(Users.aUser().withPlan("pro").register());
        }
        String clientId = "race-client-" + UUID.randomUUID();

        List<Integer> statuses = Concurrently.run(users.size(), i -> users.get(i).activate(clientId).statusCode());

        assertThat(statuses).containsOnly(201, 409).filteredOn(status -> status == 201).hasSize(1);
        assertThat(AuditRows.licensesWithClientId(clientId)).isOne();
        assertThat(AuditRows.licenseCreatedFor(em, clientId)).as("no orphan audit rows").isOne();
    }

    @Test
    void racingWithOneClientId_byOneUser_createsOneLicense() throws Exception {
        TestUser user = Users.aUser().withPlan("pro").register();
        String clientId = "race-same-" + UUID.randomUUID();

        List<Response> responses = Concurrently.run(5, i -> user.activate(clientId));

        assertThat(responses).extracting(Response::statusCode).containsOnly(201, 200)
                .filteredOn(status -> status == 201).hasSize(1);
        assertThat(responses).extracting(r -> r.<String>path("licenseId")).containsOnly(responses.get(0).<String>path("licenseId"));
        assertThat(AuditRows.licenseCreatedFor(em, clientId)).isOne();
    }

    @Test
    void badRequests_are400ProblemJson() {
        TestUser user = Users.aUser().register();
        for (String clientId : List.of("", " padded", "x".repeat(129), "tab\there", "ünïcode")) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("email", user.email(), "password", user.password(), "clientId", clientId))
                    .post("/api/v1/licenses/activate")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("clientId"));
        }
        // NUL never reaches validation: the body's text is refused as a whole (platform.JsonTextGuard)
        given().contentType(ContentType.JSON)
                .body(Map.of("email", user.email(), "password", user.password(), "clientId", "nul\u0000"))
                .post("/api/v1/licenses/activate")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith(":invalid-text"));
        given().contentType(ContentType.JSON).body(Map.of("email", user.email(), "password", user.password()))
                .post("/api/v1/licenses/activate")
                .then().statusCode(400).body("errors.field", hasItem("clientId"));
        given().contentType(ContentType.JSON).body("{\"email\":")
                .post("/api/v1/licenses/activate")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("[]")
                .post("/api/v1/licenses/activate")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(Map.of("email", user.email(), "password", "p".repeat(1025), "clientId", "c"))
                .post("/api/v1/licenses/activate")
                .then().statusCode(400).body("errors.field", hasItem("password"))
                .body(not(org.hamcrest.Matchers.containsString("ppppp")));
        assertThat(QuarkusTransaction.requiringNew().call(() -> LicenseEntity.count("userId", user.userId()))).isZero();
    }

    @Test
    void theLongestAllowedClientId_isAccepted() {
        String unique = UUID.randomUUID().toString();
        String longest = unique + " x".repeat((128 - unique.length()) / 2);

        assertThat(longest).hasSize(128);
        Users.aUser().register().activate(longest).then().statusCode(201);
    }
}
