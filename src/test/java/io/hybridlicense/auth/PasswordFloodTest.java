package io.hybridlicense.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.hybridlicense.testing.Concurrently;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Floods of sign-ins are answered 2xx, 429 or 503 with Retry-After, never 500: password hashing holds
 * no pooled connection and only a bounded number of hashes run at once.
 */
@QuarkusTest
class PasswordFloodTest {

    private static final String PASSWORD = "correct horse battery";
    /** Verifying against this hash costs far more than the test profile's own Argon2 setting. */
    private static final String COSTLY_HASH = new Argon2Phc(0)
            .hash(PASSWORD, new Argon2Phc.Cost(Argon2Phc.Argon2Type.ID, 8192, 12, 1), new byte[16], 32);

    @Inject
    Accounts accounts;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.jdbc.max-size")
    int poolSize;

    @Test
    void fiftyParallelActivations_withCostlyHashes_are2xx429or503_never500() throws Exception {
        List<TestUser> users = usersWithCostlyHashes(50);

        List<Response> responses = Concurrently.run(users.size(), i -> post("/api/v1/licenses/activate",
                Map.of("email", users.get(i).email(), "password", PASSWORD, "clientId", "flood-" + users.get(i).userId())));

        assertOnlyOverloadAnswers(responses);
    }

    @Test
    void fiftyParallelLogins_withCostlyHashes_are2xx429or503_never500() throws Exception {
        List<TestUser> users = usersWithCostlyHashes(50);

        List<Response> responses = Concurrently.run(users.size(), i -> post("/api/v1/auth/login",
                Map.of("email", users.get(i).email(), "password", PASSWORD)));

        assertOnlyOverloadAnswers(responses);
    }

    @Test
    void authenticate_refusesToRunInsideATransaction_whichWouldHoldAConnectionWhileHashing() {
        TestUser user = Users.aUser().register();

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(
                () -> accounts.authenticate(user.email(), user.password(), Users.freshAddress())))
                .isInstanceOf(TransactionalException.class);
    }

    @Test
    void noFreeConnection_is503WithRetryAfter_not500() throws Exception {
        String token = Users.aUser().register().accessToken();
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < poolSize; i++) {
                held.add(dataSource.getConnection());
            }
            given().auth().oauth2(token).get("/api/v1/licenses")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "1");
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    private List<TestUser> usersWithCostlyHashes(int count) {
        List<TestUser> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(Users.aUser().withPassword(PASSWORD).register());
        }
        QuarkusTransaction.requiringNew().run(() -> users.forEach(user ->
                UserEntity.update("passwordHash = ?1 where id = ?2", COSTLY_HASH, user.userId())));
        return users;
    }

    private static void assertOnlyOverloadAnswers(List<Response> responses) {
        assertThat(responses).extracting(Response::statusCode).allMatch(status -> List.of(200, 201, 429, 503).contains(status));
        assertThat(responses).filteredOn(r -> r.statusCode() == 429 || r.statusCode() == 503)
                .allSatisfy(r -> assertThat(r.header("Retry-After")).matches("[1-9][0-9]*"));
        assertThat(responses).as("some get through").anyMatch(r -> r.statusCode() < 300);
    }

    private static Response post(String path, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Users.freshAddress())
                .body(body).post(path);
    }
}
