package io.hybridlicense.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.hybridlicense.testing.Concurrently;
import io.hybridlicense.testing.LoopbackClient;
import io.hybridlicense.testing.PackagedAppEnvironment;
import io.hybridlicense.testing.SecondServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What must hold across server processes on one database: the packaged application under test (A) and
 * a second process of it (B). Brute-force and registration limits count for both together, and both
 * sign and verify with one key set.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppEnvironment.class)
class TwoInstancesIT {

    private static final int ACCOUNT_FAILURES = 5;
    private static final int GUESSES = 60;
    /** The production default: the ITs run with production settings, proxy forwarding off. */
    private static final int REGISTRATIONS_PER_ADDRESS = 5;

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
                .body(Map.of("email", email, "password", "correct horse battery"))
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
     * 16 parallel registrations from one client address (127.0.0.2), half through each server: at most the
     * allowance creates accounts, the rest are 429 with Retry-After and leave no account. Without proxy
     * forwarding the address is the connection's, so the X-Forwarded-For each request makes up changes
     * nothing; a client at another address (127.0.0.3) still registers.
     */
    @Test
    void parallelRegistrations_fromOneAddress_spreadOverTwoServers_createAtMostTheAllowance() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> emails = IntStream.range(0, 16).mapToObj(i -> "signup-" + i + "-" + run + "@example.test").toList();
        LoopbackClient client = LoopbackClient.from("127.0.0.2");

        List<LoopbackClient.Answer> answers = Concurrently.run(emails.size(), i -> client.postJson(
                i % 2 == 0 ? RestAssured.port : serverB.port(), "/api/v1/auth/register",
                "{\"email\": \"" + emails.get(i) + "\", \"password\": \"correct horse battery\"}",
                Map.of("X-Forwarded-For", "10.77.0." + i)));

        List<Integer> statuses = answers.stream().map(LoopbackClient.Answer::status).toList();
        // 503: no hashing slot free in time on a loaded machine; that registration gave its token back
        assertThat(statuses).as("statuses").allMatch(status -> status == 201 || status == 429 || status == 503);
        assertThat(statuses).as("statuses").contains(429);
        List<String> created = IntStream.range(0, emails.size()).filter(i -> statuses.get(i) == 201).mapToObj(emails::get).toList();
        assertThat(created).as("accounts created").hasSizeLessThanOrEqualTo(REGISTRATIONS_PER_ADDRESS);
        assertThat(accountsAmong(emails)).as("the accounts in the database").containsExactlyInAnyOrderElementsOf(created);
        assertThat(answers).filteredOn(answer -> answer.status() == 429).allSatisfy(answer -> {
            assertThat(answer.header("Retry-After")).matches("[1-9][0-9]*");
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        });
        assertThat(LoopbackClient.from("127.0.0.3").postJson(serverB.port(), "/api/v1/auth/register",
                "{\"email\": \"elsewhere-" + run + "@example.test\", \"password\": \"correct horse battery\"}", Map.of())
                .status()).as("another address").isEqualTo(201);
    }

    /**
     * One key set for the fleet: both publish the same JWKS, and an access token signed by A is accepted
     * by B. (That a change made through one instance shows in the other's next validation is
     * LicenseTwoServersIT's.)
     */
    @Test
    void anAccessTokenSignedByOneInstance_isAcceptedByTheOther() {
        String email = "fleet-" + UUID.randomUUID() + "@example.test";
        String password = "correct horse battery";
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/register").then().statusCode(201);
        String accessTokenFromA = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");

        onB().auth().oauth2(accessTokenFromA).get("/api/v1/auth/me").then().statusCode(200).body("email", equalTo(email));
        assertThat(onB().get("/.well-known/jwks.json").then().statusCode(200).extract().jsonPath().getList("keys.kid"))
                .isEqualTo(given().get("/.well-known/jwks.json").then().statusCode(200).extract().jsonPath().getList("keys.kid"));
    }

    /**
     * A sign-out through A voids the token on B, which had it verified and its session remembered, within
     * about a second (NOTIFY on commit, heard by B's listening connection); a new sign-in right after
     * works on both.
     */
    @Test
    void aSignOutThroughOneInstance_isRefusedByTheOtherWithinASecond() {
        String email = "signed-out-" + UUID.randomUUID() + "@example.test";
        String password = "correct horse battery";
        assertThat(LoopbackClient.from("127.0.0.5").postJson(serverB.port(), "/api/v1/auth/register",
                "{\"email\": \"" + email + "\", \"password\": \"" + password + "\"}", Map.of()).status()).isEqualTo(201);
        String token = login(email, password);
        onB().auth().oauth2(token).get("/api/v1/auth/me").then().statusCode(200);

        given().auth().oauth2(token).post("/api/v1/auth/logout").then().statusCode(204);
        long signedOut = System.nanoTime();

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> onB().auth().oauth2(token).get("/api/v1/auth/me").statusCode() == 401);
        System.out.printf("sign-out through A -> refused by B after %d ms%n", (System.nanoTime() - signedOut) / 1_000_000);
        onB().auth().oauth2(login(email, password)).get("/api/v1/auth/me").then().statusCode(200);
    }

    /**
     * An API key used on B (and remembered there) is refused by B right after it was revoked through A
     * (NOTIFY hl_auth_api_keys on commit, heard by B's listening connection).
     */
    @Test
    void anApiKeyRevokedThroughOneInstance_isRefusedByTheOther() {
        String email = "key-owner-" + UUID.randomUUID() + "@example.test";
        String password = "correct horse battery";
        assertThat(LoopbackClient.from("127.0.0.6").postJson(serverB.port(), "/api/v1/auth/register",
                "{\"email\": \"" + email + "\", \"password\": \"" + password + "\"}", Map.of()).status()).isEqualTo(201);
        String token = login(email, password);
        Response created = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "fleet", "scopes", List.of("licenses:read"))).post("/api/v1/api-keys");
        created.then().statusCode(201);
        String secret = created.path("secret");
        onB().header("Authorization", "Bearer " + secret).get("/api/v1/licenses").then().statusCode(200);

        given().auth().oauth2(token).delete("/api/v1/api-keys/" + created.path("id")).then().statusCode(204);
        long revoked = System.nanoTime();

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
                .until(() -> onB().header("Authorization", "Bearer " + secret).get("/api/v1/licenses").statusCode() == 401);
        System.out.printf("key revoked through A -> refused by B after %d ms%n", (System.nanoTime() - revoked) / 1_000_000);
    }

    private static String login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
    }

    /** Read as the runtime role, which may read auth.users. */
    private static List<String> accountsAmong(List<String> emails) throws SQLException {
        Map<String, String> app = PackagedAppEnvironment.appConfig();
        try (Connection connection = DriverManager.getConnection(app.get("quarkus.datasource.jdbc.url"),
                app.get("quarkus.datasource.username"), app.get("quarkus.datasource.password"));
             PreparedStatement select = connection.prepareStatement("SELECT email FROM auth.users WHERE email = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("text", emails.toArray()));
            List<String> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            return found;
        }
    }

    private static RequestSpecification onB() {
        return given().baseUri("http://127.0.0.1").port(serverB.port()).contentType(ContentType.JSON);
    }
}
