package io.hybridlicense.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hybridlicense.testing.Concurrently;
import io.hybridlicense.testing.PackagedAppEnvironment;
import io.hybridlicense.testing.SecondServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What must hold across server processes on one database: the packaged application under test (A) and
 * a second process of it (B). Brute-force limits count for both together, and no instance answers from
 * a stale copy of what another changed.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppEnvironment.class)
class TwoInstancesIT {

    private static final int ACCOUNT_FAILURES = 5;
    private static final int GUESSES = 60;

    private static SecondServer serverB;

    @BeforeAll
    static void startSecondServer() throws Exception {
        serverB = SecondServer.start("instance-b", Map.of());
    }

    @AfterAll
    static void stopSecondServer() throws Exception {
        if (serverB != null) {
            serverB.close();
        }
    }

    /** 60 parallel guesses for one account, half through each: at most the allowance (5) is checked, the rest 429. */
    @Test
    void parallelGuesses_spreadOverTwoServers_checkAtMostTheAccountsAllowance() throws Exception {
        String email = "guessed-" + UUID.randomUUID() + "@example.test";
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "correct horse battery", "plan", "free"))
                .post("/api/v1/auth/register").then().statusCode(201);
        int portA = RestAssured.port;

        List<Response> responses = Concurrently.run(GUESSES, i -> given().baseUri("http://127.0.0.1")
                .port(i % 2 == 0 ? portA : serverB.port()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "wrong guess " + i))
                .post("/api/v1/auth/login"));

        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        // 503: no hashing slot free in time on a loaded machine; such a check never ran and gave its tokens back
        assertThat(statuses).as("statuses").allMatch(status -> status == 401 || status == 429 || status == 503);
        assertThat(statuses.stream().filter(status -> status == 401).count()).as("passwords checked")
                .isLessThanOrEqualTo(ACCOUNT_FAILURES);
        assertThat(responses).filteredOn(r -> r.statusCode() == 429)
                .allSatisfy(r -> assertThat(r.header("Retry-After")).matches("[1-9][0-9]*"));
    }

    /**
     * B issued and validated the license token (its signature is remembered there); the owner deactivates
     * the license through A; B's very next validation says REVOKED. (Signed on B and deactivated with an
     * access token from A: each server only checks tokens it could have signed itself.)
     */
    @Test
    void aLicenseDeactivatedOnOneInstance_isRevokedInTheNextValidationOnTheOther() {
        String email = "fresh-" + UUID.randomUUID() + "@example.test";
        String password = "correct horse battery";
        onB().body(Map.of("email", email, "password", password, "plan", "pro"))
                .post("/api/v1/auth/register").then().statusCode(201);
        String clientId = "machine-" + UUID.randomUUID();
        Response activation = onB().body(Map.of("email", email, "password", password, "clientId", clientId))
                .post("/api/v1/licenses/activate");
        activation.then().statusCode(201);
        Map<String, String> validation = Map.of("token", activation.path("token"), "clientId", clientId);
        for (int i = 0; i < 3; i++) {
            onB().body(validation).post("/api/v1/licenses/validate").then().statusCode(200).body("code", equalTo("VALID"));
        }

        String accessTokenFromA = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
        given().auth().oauth2(accessTokenFromA).post("/api/v1/licenses/" + activation.path("licenseId") + "/deactivate")
                .then().statusCode(200);

        onB().body(validation).post("/api/v1/licenses/validate").then().statusCode(200).body("code", equalTo("REVOKED"));
    }

    private static RequestSpecification onB() {
        return given().baseUri("http://127.0.0.1").port(serverB.port()).contentType(ContentType.JSON);
    }
}
