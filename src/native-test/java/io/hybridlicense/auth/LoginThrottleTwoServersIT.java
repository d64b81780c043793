package io.hybridlicense.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hybridlicense.testing.Concurrently;
import io.hybridlicense.testing.PackagedAppEnvironment;
import io.hybridlicense.testing.SecondServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The brute-force limit holds across server processes: 60 parallel password guesses for one account,
 * half through the packaged application under test and half through a second process on the same
 * database, check at most the account's allowance (5) of passwords; every other answer is 429 with
 * {@code Retry-After}.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppEnvironment.class)
class LoginThrottleTwoServersIT {

    private static final int ACCOUNT_FAILURES = 5;
    private static final int GUESSES = 60;

    private static SecondServer serverB;

    @BeforeAll
    static void startSecondServer() throws Exception {
        serverB = SecondServer.start("throttle-b", Map.of());
    }

    @AfterAll
    static void stopSecondServer() throws Exception {
        if (serverB != null) {
            serverB.close();
        }
    }

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
        assertThat(statuses).as("statuses").allMatch(status -> status == 401 || status == 429);
        assertThat(statuses.stream().filter(status -> status == 401).count()).as("passwords checked")
                .isLessThanOrEqualTo(ACCOUNT_FAILURES);
        assertThat(responses).filteredOn(r -> r.statusCode() == 429)
                .allSatisfy(r -> assertThat(r.header("Retry-After")).matches("[1-9][0-9]*"));
    }
}
