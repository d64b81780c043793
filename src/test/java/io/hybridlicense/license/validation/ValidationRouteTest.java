package io.hybridlicense.license.validation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.license.lifecycle.LicenseResponses;
import io.hybridlicense.license.store.LicenseEntity;
import io.hybridlicense.testing.Concurrently;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.Activated;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The event-loop route of {@code POST /api/v1/licenses/validate} and its batched reads: the REST
 * contract kept (answers as the REST mapper writes them, problem+json for bad input, nothing echoed),
 * and reads that share a query each get their own license.
 */
@QuarkusTest
class ValidationRouteTest {

    private static final String PATH = "/api/v1/licenses/validate";

    @Inject
    CurrentLicenses currentLicenses;
    @Inject
    Vertx vertx;
    @Inject
    ObjectMapper mapper;
    @Inject
    ValidationRecorder recorder;

    @Test
    void answers_areWhatTheRestMapperWrites_nullsIncluded() throws Exception {
        Activated license = Users.aUser().register().activated();

        for (String token : List.of(license.token(), "garbage")) {
            String body = given().contentType(ContentType.JSON).body(Map.of("token", token, "clientId", license.clientId()))
                    .post(PATH).then().statusCode(200).contentType("application/json").extract().asString();
            JsonPath json = JsonPath.from(body);
            String status = json.getString("status");
            String expiresAt = json.getString("expiresAt");
            LicenseResponses.Validation same = new LicenseResponses.Validation(json.getBoolean("valid"),
                    ValidateLicense.Code.valueOf(json.getString("code")),
                    json.getString("licenseId") == null ? null : UUID.fromString(json.getString("licenseId")),
                    status == null ? null : LicenseStatus.of(status), expiresAt == null ? null : Instant.parse(expiresAt),
                    json.getString("graceEndsAt") == null ? null : Instant.parse(json.getString("graceEndsAt")),
                    json.get("entitlements") == null ? null : json.getList("entitlements", String.class),
                    json.get("missing") == null ? null : json.getList("missing", String.class));
            assertThat(body).isEqualTo(mapper.writeValueAsString(same));
        }
    }

    @Test
    void badInput_isProblemJson_andNothingIsEchoed() {
        String mark = "m4rk";
        given().contentType(ContentType.TEXT).body("{\"token\":\"" + mark + "\"}").post(PATH)
                .then().statusCode(415).contentType("application/problem+json").body(not(containsString(mark)));
        given().contentType(ContentType.JSON).body("{\"token\":\"t\",\"" + mark + "\":1}").post(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .header("X-Content-Type-Options", "nosniff")
                .body("type", equalTo("urn:hybrid-license:problem:malformed-json"))
                .body("instance", equalTo(PATH)).body(not(containsString(mark)));
        given().contentType(ContentType.JSON).body("{\"token\":\"t\",\"clientId\":\" " + mark + "\"}").post(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("clientId")).body(not(containsString(mark)));
        given().contentType(ContentType.JSON).body(Map.of("token", "t", "clientId", mark.repeat(40))).post(PATH)
                .then().statusCode(400).body("errors.field", hasItem("clientId")).body(not(containsString(mark)));
        given().contentType(ContentType.JSON).body("{\"token\":\"a\\u0000" + mark + "\"}").post(PATH)
                .then().statusCode(400).contentType("application/problem+json").body(not(containsString(mark)));
        given().contentType(ContentType.JSON).body("{\"token\":[\"" + mark + "\"]}").post(PATH)
                .then().statusCode(400).contentType("application/problem+json").body(not(containsString(mark)));
        given().contentType(ContentType.JSON).body("").post(PATH)
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"token\":\"" + "x".repeat(1_100_000) + "\"}").post(PATH)
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void readsInOneEventLoopTurn_goAsOneQuery_andEachGetsItsOwnRow() throws Exception {
        List<Activated> licenses = licenses(4, "active", "suspended", "revoked");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            licenses.forEach(license -> ids.add(license.licenseId()));
            ids.add(UUID.randomUUID());
        }

        long before = currentLicenses.queriesSent();
        List<CurrentLicenses.State> states = onOneEventLoopTurn(ids);

        assertThat(currentLicenses.queriesSent() - before).isEqualTo(1);
        for (int i = 0; i < ids.size(); i++) {
            int inRound = i % 5;
            if (inRound == 4) {
                assertThat(states.get(i)).as("an unknown id").isNull();
            } else {
                Activated license = licenses.get(inRound);
                assertThat(states.get(i).id()).isEqualTo(license.licenseId());
                assertThat(states.get(i).clientId()).isEqualTo(license.clientId());
                assertThat(states.get(i).status()).isEqualTo(
                        inRound == 1 ? LicenseStatus.SUSPENDED : inRound == 2 ? LicenseStatus.REVOKED : LicenseStatus.ACTIVE);
            }
        }
    }

    @Test
    void moreReadsThanABatchHolds_goInSeveralQueries() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add(UUID.randomUUID());
        }
        long before = currentLicenses.queriesSent();

        assertThat(onOneEventLoopTurn(ids)).hasSize(300).containsOnlyNulls();
        assertThat(currentLicenses.queriesSent() - before).as("queries of at most 128 ids").isEqualTo(3);
    }

    @Test
    void parallelValidations_eachAnswerIsAboutItsOwnLicense() throws Exception {
        List<Activated> licenses = licenses(5, "suspended");

        List<List<String>> answers = Concurrently.run(32, thread -> {
            List<String> mismatches = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = thread * 8 + i;
                Activated license = licenses.get(n % licenses.size());
                boolean otherClient = n % 3 == 0;
                JsonPath answer = given().contentType(ContentType.JSON)
                        .body(Map.of("token", license.token(), "clientId", otherClient ? "another-machine" : license.clientId()))
                        .post(PATH).then().statusCode(200).extract().jsonPath();
                String expected = otherClient ? "CLIENT_MISMATCH" : n % licenses.size() == 0 ? "SUSPENDED" : "VALID";
                if (!license.licenseId().toString().equals(answer.getString("licenseId"))
                        || !expected.equals(answer.getString("code"))) {
                    mismatches.add(n + ": expected " + license.licenseId() + " " + expected + ", got " + answer.prettify());
                }
            }
            return mismatches;
        });

        assertThat(answers.stream().flatMap(List::stream).toList()).isEmpty();
    }

    @Test
    void lastValidatedAt_isWrittenInSlices_byTheRecordersOwnRounds() {
        Activated license = Users.aUser().register().activated();
        given().contentType(ContentType.JSON).body(Map.of("token", license.token())).post(PATH)
                .then().statusCode(200).body("code", equalTo("VALID"));

        recorder.recordSlice(true);

        // every slice writes at least one due id; the noted ids of other tests are due as well
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
            recorder.recordSlice(false);
            return QuarkusTransaction.requiringNew()
                    .call(() -> LicenseEntity.<LicenseEntity>findById(license.licenseId()).lastValidatedAt) != null;
        });
    }

    /** {@code count} licenses of one owner; the first ones then set to the statuses given, in order. */
    private static List<Activated> licenses(int count, String... statuses) {
        TestUser owner = Users.aUser().withPlan("pro").register();
        List<Activated> licenses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            licenses.add(owner.activated());
        }
        String admin = TestUser.admin().accessToken();
        for (int i = 0; i < statuses.length; i++) {
            if (!statuses[i].equals("active")) {
                ValidationTest.patch(admin, licenses.get(i).licenseId(), statuses[i]);
            }
        }
        return licenses;
    }

    /** Asks for every id within one task on one event loop, as requests read in one turn would. */
    private List<CurrentLicenses.State> onOneEventLoopTurn(List<UUID> ids) throws Exception {
        Context context = vertx.getOrCreateContext();
        CompletableFuture<List<CurrentLicenses.State>> all = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            List<Future<CurrentLicenses.State>> reads = new ArrayList<>();
            ids.forEach(id -> reads.add(currentLicenses.find(id)));
            Future.all(reads).onComplete(done -> {
                if (done.failed()) {
                    all.completeExceptionally(done.cause());
                } else {
                    all.complete(reads.stream().map(Future::result).toList());
                }
            });
        });
        return all.get(30, TimeUnit.SECONDS);
    }
}
