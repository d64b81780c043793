package io.hybridlicense.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hybridlicense.testing.Concurrently;
import io.hybridlicense.testing.TestClock;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Time stands still in these tests (the buckets refill from the application's clock), so nothing refills by chance. */
@QuarkusTest
class RateLimitTest {

    private static final int ACCOUNT_FAILURES = 5;
    private static final int ADDRESS_FAILURES = 20;

    @Inject
    TestClock clock;

    @BeforeEach
    void stopTime() {
        clock.stop();
    }

    @AfterEach
    void resumeTime() {
        clock.resume();
    }

    @Test
    void login_isThrottledPerAccount_afterFiveFailures_evenWithTheRightPassword() {
        TestUser user = Users.aUser().register();
        for (int i = 0; i < ACCOUNT_FAILURES; i++) {
            login(user.email(), "wrong password", Users.freshAddress()).then().statusCode(401);
        }

        Response throttled = login(user.email(), user.password(), Users.freshAddress());

        throttled.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:hybrid-license:problem:too-many-attempts"));
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 60);
    }

    @Test
    void theLimitRefills_overThePeriod() {
        TestUser user = Users.aUser().register();
        for (int i = 0; i < ACCOUNT_FAILURES; i++) {
            login(user.email(), "wrong password", Users.freshAddress()).then().statusCode(401);
        }
        login(user.email(), user.password(), Users.freshAddress()).then().statusCode(429);

        clock.advance(Duration.ofSeconds(13));

        login(user.email(), user.password(), Users.freshAddress()).then().statusCode(200);
    }

    @Test
    void parallelGuesses_checkAtMostTheAccountsAllowance_theRestAre429() throws Exception {
        TestUser user = Users.aUser().register();

        List<Response> responses = Concurrently.run(60, i -> login(user.email(),
                i == 59 ? user.password() : "wrong password " + i, Users.freshAddress()));

        assertAtMostChecked(responses, ACCOUNT_FAILURES);
    }

    @Test
    void parallelGuesses_fromOneAddress_checkAtMostTheAddressAllowance() throws Exception {
        String address = Users.freshAddress();

        List<Response> responses = Concurrently.run(60, i -> login(Users.uniqueEmail(), "wrong password", address));

        assertAtMostChecked(responses, ADDRESS_FAILURES);
    }

    @Test
    void parallelActivations_checkAtMostTheAccountsAllowance_theRestAre429() throws Exception {
        TestUser user = Users.aUser().register();

        IntFunction<Response> guess = i -> activate(user.email(), i == 59 ? user.password() : "wrong password " + i,
                Users.freshAddress());
        List<Response> responses = Concurrently.run(60, guess);

        assertAtMostChecked(responses, ACCOUNT_FAILURES);
    }

    @Test
    void login_isThrottledPerAddress_acrossAccounts() {
        String address = Users.freshAddress();
        for (int i = 0; i < ADDRESS_FAILURES; i++) {
            login(Users.uniqueEmail(), "wrong password", address).then().statusCode(401);
        }

        login(Users.uniqueEmail(), "wrong password", address).then().statusCode(429);
        TestUser elsewhere = Users.aUser().register();
        login(elsewhere.email(), elsewhere.password(), Users.freshAddress()).then().statusCode(200);
    }

    @Test
    void successfulLogins_doNotCountAgainstTheLimit() {
        TestUser user = Users.aUser().register();
        String address = Users.freshAddress();

        for (int i = 0; i < ADDRESS_FAILURES + 5; i++) {
            login(user.email(), user.password(), address).then().statusCode(200);
        }
    }

    @Test
    void activation_isThrottledPerAccount() {
        TestUser user = Users.aUser().register();
        for (int i = 0; i < ACCOUNT_FAILURES; i++) {
            activate(user.email(), "wrong password", Users.freshAddress()).then().statusCode(401);
        }

        activate(user.email(), user.password(), Users.freshAddress()).then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    /**
     * A password was checked for every answer but 429, and at most the allowance of them failed (a
     * right password gives its token back, so it may let one more guess in); every 429 says when to retry.
     */
    private static void assertAtMostChecked(List<Response> responses, int allowance) {
        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        assertThat(statuses).as("statuses").allMatch(status -> List.of(200, 201, 401, 429).contains(status));
        assertThat(statuses.stream().filter(status -> status == 401).count()).as("failed password checks")
                .isLessThanOrEqualTo(allowance);
        assertThat(statuses.stream().filter(status -> status != 429).count()).as("password checks")
                .isLessThanOrEqualTo(allowance + 1);
        assertThat(responses).filteredOn(r -> r.statusCode() == 429)
                .allSatisfy(r -> assertThat(r.header("Retry-After")).matches("[1-9][0-9]*"));
    }

    private static Response login(String email, String password, String address) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login");
    }

    private static Response activate(String email, String password, String address) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("email", email, "password", password, "clientId", "throttled-" + java.util.UUID.randomUUID()))
                .post("/api/v1/licenses/activate");
    }
}
