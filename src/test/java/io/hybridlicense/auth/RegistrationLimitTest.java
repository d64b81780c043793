package io.hybridlicense.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hybridlicense.testing.Concurrently;
import io.hybridlicense.testing.TestClock;
import io.hybridlicense.testing.Users;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registrations per client address, with the production default (5 per hour, one every 12 minutes once
 * used up). Time stands still, so nothing refills by chance; "another instance" is a second
 * {@link LoginThrottle} on its own JDBC connections, as in {@link RateLimitTest}.
 */
@QuarkusTest
class RegistrationLimitTest {

    private static final int REGISTRATIONS = 5;
    private static final String ONE_TOKEN_LATER = "720"; // s: PT1H / 5

    @Inject
    TestClock clock;
    @Inject
    AuthConfig config;

    @BeforeEach
    void stopTime() {
        clock.stop();
    }

    @AfterEach
    void resumeTime() {
        clock.resume();
    }

    @Test
    void theTestsRunWithTheProductionDefault() {
        assertThat(config.rateLimit().registrations()).isEqualTo(REGISTRATIONS);
        assertThat(config.rateLimit().registrationPeriod()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void parallelRegistrations_fromOneAddress_createAtMostTheAllowance_theRestAre429WithoutAnAccount() throws Exception {
        String address = Users.freshAddress();
        List<String> emails = IntStream.range(0, 20).mapToObj(i -> Users.uniqueEmail()).toList();

        List<Response> responses = Concurrently.run(emails.size(), i -> register(emails.get(i), address));

        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        // 503: no hashing slot in time on a loaded machine; that registration gave its token back
        assertThat(statuses).as("statuses").allMatch(status -> status == 201 || status == 429 || status == 503);
        assertThat(statuses.stream().filter(status -> status == 201).count()).as("accounts created")
                .isLessThanOrEqualTo(REGISTRATIONS);
        for (int i = 0; i < emails.size(); i++) {
            Response response = responses.get(i);
            assertThat(accounts(emails.get(i))).as("accounts of an answer %s", response.statusCode())
                    .isEqualTo(response.statusCode() == 201 ? 1 : 0);
            if (response.statusCode() == 429) {
                response.then().contentType("application/problem+json")
                        .body("type", equalTo("urn:hybrid-license:problem:too-many-registrations"))
                        .header("Retry-After", ONE_TOKEN_LATER);
            }
        }
        register(Users.uniqueEmail(), address).then().statusCode(429);
    }

    @Test
    void anotherAddress_isUnaffected_andTheAllowanceRefills() {
        String address = Users.freshAddress();
        for (int i = 0; i < REGISTRATIONS; i++) {
            register(Users.uniqueEmail(), address).then().statusCode(201);
        }
        register(Users.uniqueEmail(), address).then().statusCode(429);

        register(Users.uniqueEmail(), Users.freshAddress()).then().statusCode(201);

        clock.advance(Duration.ofMinutes(12));
        register(Users.uniqueEmail(), address).then().statusCode(201);
        register(Users.uniqueEmail(), address).then().statusCode(429).header("Retry-After", ONE_TOKEN_LATER);
    }

    @Test
    void refusedInput_andTakenEmails_areCountedOnlyOnceHashed() {
        String address = Users.freshAddress();
        String taken = Users.aUser().register().email();
        for (int i = 0; i < REGISTRATIONS + 1; i++) {
            register("not-an-email", address).then().statusCode(400);
        }

        register(taken, address).then().statusCode(409);
        for (int i = 0; i < REGISTRATIONS - 1; i++) {
            register(Users.uniqueEmail(), address).then().statusCode(201);
        }
        register(Users.uniqueEmail(), address).then().statusCode(429);
    }

    @Test
    void registrationsOnAnotherInstance_countHere() {
        String address = Users.freshAddress();
        LoginThrottle otherInstance = new LoginThrottle(new LoginBuckets(RateLimitTest.runtimeRoleConnections()), clock, config);
        for (int i = 0; i < REGISTRATIONS; i++) {
            otherInstance.takeRegistration(address);
        }

        String email = Users.uniqueEmail();
        register(email, address).then().statusCode(429).header("Retry-After", ONE_TOKEN_LATER);

        assertThat(accounts(email)).isZero();
    }

    private static Response register(String email, String address) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("email", email, "password", "correct horse battery"))
                .post("/api/v1/auth/register");
    }

    private static long accounts(String email) {
        return QuarkusTransaction.requiringNew().call(() -> UserEntity.count("lower(email) = ?1", email.toLowerCase()));
    }
}
