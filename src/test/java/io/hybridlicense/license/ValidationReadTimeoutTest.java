package io.hybridlicense.license;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hybridlicense.testing.Concurrently;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.Activated;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A validation read that does not answer (the table locked by a migration) is bounded by
 * {@code hl.license.validation.read-timeout} (2 s): the validations it held answer 503 with
 * {@code Retry-After}, its query is cancelled in the database, and validation works again as soon as
 * the lock is gone.
 */
@QuarkusTest
class ValidationReadTimeoutTest {

    private static final String PATH = "/api/v1/licenses/validate";
    /** A validation that hangs fails the test instead of hanging it. */
    private static final RestAssuredConfig NO_HANGING = RestAssuredConfig.config().httpClient(
            HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 10_000));

    @Inject
    DataSource dataSource;

    @Test
    void aLockedLicensesTable_answers503WithRetryAfter_withinTheTimeout_andValidationRecoversAfterIt() throws Exception {
        Activated license = Users.aUser().register().activated();
        validate(license).then().statusCode(200);

        List<Response> answers;
        long started;
        try (Connection migration = dataSource.getConnection()) {
            migration.setAutoCommit(false);
            try (Statement lock = migration.createStatement()) {
                lock.execute("LOCK TABLE license.licenses IN ACCESS EXCLUSIVE MODE");
            }
            started = System.nanoTime();
            answers = Concurrently.run(16, thread -> validate(license));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).as("all 16 answered").isLessThan(Duration.ofSeconds(4));
            for (Response answer : answers) {
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.header("Retry-After")).isEqualTo("2");
                assertThat(answer.jsonPath().getString("type")).isEqualTo("urn:hybrid-license:problem:server-busy");
            }
            // the reads were cancelled in the database, not left waiting for the lock
            await().atMost(Duration.ofSeconds(5)).until(() -> waitingForALock(migration) == 0);
            migration.rollback();
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> validate(license).then().statusCode(200));
        List<Integer> after = Concurrently.run(16, thread -> validate(license).statusCode());
        assertThat(after).containsOnly(200);
    }

    private static long waitingForALock(Connection connection) throws Exception {
        try (Statement query = connection.createStatement();
             ResultSet count = query.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                     + " AND query LIKE '%FROM license.licenses WHERE id = ANY%'")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static Response validate(Activated license) {
        return given().config(NO_HANGING).contentType(ContentType.JSON).body(Map.of("token", license.token(), "clientId", license.clientId()))
                .post(PATH);
    }
}
