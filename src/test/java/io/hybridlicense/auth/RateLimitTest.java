package io.hybridlicense.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.hybridlicense.shared.ProblemException;
import io.hybridlicense.testing.Concurrently;
import io.hybridlicense.testing.TestClock;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Time stands still in these tests (the buckets refill from the application's clock), so nothing refills by chance.
 * "Another instance" is a second {@link LoginThrottle} on a plain JDBC connection of the runtime role: it shares
 * nothing with this server but the database. ({@code TwoInstancesIT} does the same with two processes.)
 */
@QuarkusTest
class RateLimitTest {

    private static final int ACCOUNT_FAILURES = 5;
    private static final int ADDRESS_FAILURES = 20;

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

    /**
     * An IPv6 client can take a new address in its /64 for every request: the /64 shares one bucket
     * (forwarded as X-Forwarded-For writes it, and in brackets as Forwarded does).
     */
    @Test
    void login_isThrottledPerIpv6Slash64() {
        String prefix = "2001:db8:" + Integer.toHexString(new java.security.SecureRandom().nextInt(0xffff)) + ":"
                + Integer.toHexString(new java.security.SecureRandom().nextInt(0xffff)) + ":";
        for (int i = 0; i < ADDRESS_FAILURES; i++) {
            login(Users.uniqueEmail(), "wrong password", prefix + Integer.toHexString(i + 1) + "::" + i)
                    .then().statusCode(401);
        }

        login(Users.uniqueEmail(), "wrong password", "[" + prefix + "ffff:ffff:ffff:ffff]").then().statusCode(429)
                .contentType("application/problem+json");
        login(Users.uniqueEmail(), "wrong password", "[" + prefix.replaceFirst("2001:db8:", "2001:db9:") + "::1]")
                .then().statusCode(401);
    }

    @Test
    void ipv4MappedIpv6_sharesTheIpv4AddressesBucket() {
        String address = Users.freshAddress();
        for (int i = 0; i < ADDRESS_FAILURES; i++) {
            login(Users.uniqueEmail(), "wrong password", i % 2 == 0 ? address : "[::ffff:" + address + "]").then().statusCode(401);
        }

        login(Users.uniqueEmail(), "wrong password", address).then().statusCode(429);
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
                .header("Retry-After", notNullValue());
    }

    @Test
    void guessesOnAnotherInstance_countHere() {
        TestUser user = Users.aUser().register();
        LoginThrottle otherInstance = new LoginThrottle(new LoginBuckets(runtimeRoleConnections()), clock, config);
        for (int i = 0; i < ACCOUNT_FAILURES; i++) {
            otherInstance.take(UserEntity.normalize(user.email()), Users.freshAddress());
        }

        Response throttled = login(user.email(), user.password(), Users.freshAddress());

        throttled.then().statusCode(429).body("type", equalTo("urn:hybrid-license:problem:too-many-attempts"));
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isEqualTo(12); // one token per 60 s / 5
    }

    @Test
    void parallelGuesses_spreadOverTwoInstances_checkAtMostTheAccountsAllowance() throws Exception {
        TestUser user = Users.aUser().register();
        LoginThrottle otherInstance = new LoginThrottle(new LoginBuckets(runtimeRoleConnections()), clock, config);

        List<Response> here = new CopyOnWriteArrayList<>();
        List<Boolean> tokensThere = Concurrently.run(60, i -> {
            if (i % 2 == 0) {
                here.add(login(user.email(), "wrong password " + i, Users.freshAddress()));
                return false;
            }
            try {
                otherInstance.take(UserEntity.normalize(user.email()), Users.freshAddress());
                return true;
            } catch (ProblemException tooMany) {
                return false;
            }
        });

        long checkedHere = here.stream().filter(r -> r.statusCode() != 429).count();
        long takenThere = tokensThere.stream().filter(taken -> taken).count();
        assertThat(checkedHere + takenThere).as("tokens taken on both instances").isEqualTo(ACCOUNT_FAILURES);
        assertAtMostChecked(here, ACCOUNT_FAILURES);
    }

    @Test
    void fullBuckets_areForgotten_othersKept() throws Exception {
        LoginBuckets buckets = new LoginBuckets(runtimeRoleConnections());
        String recovering = "test:" + UUID.randomUUID();
        String empty = "test:" + UUID.randomUUID();
        buckets.take(recovering, 5, Duration.ofMinutes(1), clock.now());
        for (int i = 0; i < 5; i++) {
            buckets.take(empty, 5, Duration.ofMinutes(1), clock.now());
        }
        assertThat(stored(recovering)).isTrue();

        clock.advance(Duration.ofSeconds(13));
        buckets.forgetFull(clock.now());

        assertThat(stored(recovering)).as("a full bucket is forgotten").isFalse();
        assertThat(stored(empty)).as("a bucket still refilling is kept").isTrue();
        assertThat(buckets.take(empty, 5, Duration.ofMinutes(1), clock.now())).as("the empty one still remembered").isEmpty();
        assertThat(buckets.take(empty, 5, Duration.ofMinutes(1), clock.now())).as("and empty again").isPresent();
    }

    private static boolean stored(String key) throws SQLException {
        try (Connection connection = runtimeRoleConnections().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT 1 FROM auth.login_buckets WHERE bucket = sha256(convert_to(?, 'UTF8'))")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /** Connections of the role that serves requests, outside this server's pool. */
    static DataSource runtimeRoleConnections() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        Config settings = ConfigProvider.getConfig();
        dataSource.setUrl(settings.getValue("quarkus.datasource.jdbc.url", String.class));
        dataSource.setUser(settings.getValue("quarkus.datasource.username", String.class));
        dataSource.setPassword(settings.getValue("quarkus.datasource.password", String.class));
        return dataSource;
    }

    /**
     * A password was checked for every answer but 429 and 503, and at most the allowance of them failed (a
     * right password gives its token back, so it may let one more guess in); every 429 says when to retry.
     */
    private static void assertAtMostChecked(List<Response> responses, int allowance) {
        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        // 503: no hashing slot free in time on a loaded machine; such a check never ran and gave its tokens back
        assertThat(statuses).as("statuses").allMatch(status -> List.of(200, 201, 401, 429, 503).contains(status));
        assertThat(statuses.stream().filter(status -> status == 401).count()).as("failed password checks")
                .isLessThanOrEqualTo(allowance);
        assertThat(statuses.stream().filter(status -> status != 429 && status != 503).count()).as("password checks")
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
                .body(Map.of("email", email, "password", password, "clientId", "throttled-" + UUID.randomUUID()))
                .post("/api/v1/licenses/activate");
    }
}
