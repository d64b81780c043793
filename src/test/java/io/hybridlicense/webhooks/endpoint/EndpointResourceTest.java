package io.hybridlicense.webhooks.endpoint;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.hybridlicense.shared.Jdbc;
import io.hybridlicense.testing.Concurrently;
import io.hybridlicense.testing.Users;
import io.hybridlicense.webhooks.Receiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The endpoints API: who may do what, what is refused (nothing stored), enable/disable, the test event, auto-disable. */
@QuarkusTest
class EndpointResourceTest {

    @Inject
    Jdbc jdbc;

    private Receiver receiver;
    private String admin;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
        admin = Users.TestUser.admin().accessToken();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data", "http://192.168.1.1:8080/",
            "http://[fd00::1]/x", "http://0.0.0.0/", "https://public.example.com/hook"})
    void aHostThePolicyRefuses_is400_andNothingIsStored(String url) {
        long before = endpointCount();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("url", url, "events", List.of("user.registered")))
                .post("/api/v1/admin/webhooks").then().statusCode(400).contentType("application/problem+json")
                .body("type", containsString("host-not-allowed")).body("detail", not(containsString(url)));
        assertThat(endpointCount()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1/x", "not a url", "http://user:pw@127.0.0.1/x", "/relative", "http://127.0.0.1/x#frag"})
    void aMalformedUrl_is422_andNothingIsStored(String url) {
        long before = endpointCount();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("url", url, "events", List.of("user.registered")))
                .post("/api/v1/admin/webhooks").then().statusCode(422).contentType("application/problem+json");
        assertThat(endpointCount()).isEqualTo(before);
    }

    @Test
    void unknownOrNoEvents_areRefused() {
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url("/x"), "events", List.of("license.stolen")))
                .post("/api/v1/admin/webhooks").then().statusCode(422).body("detail", not(containsString("stolen")));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("url", receiver.url("/x"), "events", List.of()))
                .post("/api/v1/admin/webhooks").then().statusCode(400);
    }

    @Test
    void parallelRegistrations_stopAtTheLimit_theRestAre409NamingIt() throws Exception {
        String user = Users.aUser().register().accessToken();
        given().auth().oauth2(user).contentType(ContentType.JSON).body(Map.of("url", receiver.url("/first"), "events",
                List.of("license.activated"))).post("/api/v1/webhooks").then().statusCode(201);

        List<Integer> answers = Concurrently.run(14, i -> given().auth().oauth2(user).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url("/limit-" + i), "events", List.of("license.activated")))
                .post("/api/v1/webhooks").statusCode());

        assertThat(answers.stream().filter(code -> code == 201).count()).as("10 in all, the first included").isEqualTo(9);
        assertThat(answers.stream().filter(code -> code == 409).count()).isEqualTo(5);
        given().auth().oauth2(user).get("/api/v1/webhooks").then().statusCode(200).body("size()", equalTo(10));
        given().auth().oauth2(user).contentType(ContentType.JSON).body(Map.of("url", receiver.url("/eleventh"), "events",
                List.of("license.activated"))).post("/api/v1/webhooks").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:hybrid-license:problem:endpoint-limit-reached"))
                .body("detail", containsString("hl.webhooks.max-endpoints-per-user")).body("detail", containsString("10"));
        // another user is not affected, nor are the admins' endpoints
        given().auth().oauth2(Users.aUser().register().accessToken()).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url("/other"), "events", List.of("license.activated")))
                .post("/api/v1/webhooks").then().statusCode(201);
    }

    @Test
    void aUser_cannotSeeOrTouch_anotherUsersEndpoint_norTheAdminPaths() {
        String owner = Users.aUser().register().accessToken();
        String stranger = Users.aUser().register().accessToken();
        String id = given().auth().oauth2(owner).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url("/own"), "events", List.of("license.activated")))
                .post("/api/v1/webhooks").then().statusCode(201).body("secret", containsString("whsec_")).extract().path("id");
        String path = "/api/v1/webhooks/" + id;

        given().auth().oauth2(stranger).get(path).then().statusCode(404);
        given().auth().oauth2(stranger).get(path + "/deliveries").then().statusCode(404);
        given().auth().oauth2(stranger).post(path + "/disable").then().statusCode(404);
        given().auth().oauth2(stranger).post(path + "/rotate-secret").then().statusCode(404);
        given().auth().oauth2(stranger).post(path + "/test").then().statusCode(404);
        given().auth().oauth2(stranger).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url("/stolen"), "events", List.of("license.activated"))).put(path).then().statusCode(404);
        given().auth().oauth2(stranger).delete(path).then().statusCode(404);
        given().auth().oauth2(stranger).get("/api/v1/webhooks").then().statusCode(200).body("id", not(hasItem(id)));
        given().auth().oauth2(stranger).get("/api/v1/admin/webhooks").then().statusCode(403);
        given().auth().oauth2(owner).get(path).then().statusCode(200).body("url", equalTo(receiver.url("/own")))
                .body("secret", equalTo(null));
        // admins manage everyone's
        given().auth().oauth2(admin).get("/api/v1/admin/webhooks").then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(owner).delete(path).then().statusCode(204);
        given().auth().oauth2(owner).get(path).then().statusCode(404);
    }

    @Test
    void editDisableEnable_andTheTestEvent_areAudited() {
        String id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url("/a"), "events", List.of("user.registered")))
                .post("/api/v1/admin/webhooks").then().statusCode(201).extract().path("id");
        String path = "/api/v1/admin/webhooks/" + id;
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url("/b"), "events", List.of("license.activated", "license.activated"), "description", "b"))
                .put(path).then().statusCode(200).body("url", equalTo(receiver.url("/b"))).body("events.size()", equalTo(1));
        given().auth().oauth2(admin).post(path + "/disable").then().statusCode(200).body("enabled", equalTo(false))
                .body("disabledReason", equalTo("manual"));
        given().auth().oauth2(admin).post(path + "/test").then().statusCode(202);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> receiver.at("/b").isEmpty());
        given().auth().oauth2(admin).post(path + "/enable").then().statusCode(200).body("enabled", equalTo(true));
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.at("/b").size() == 1);
        assertThat(receiver.at("/b").get(0).body()).contains("\"type\":\"webhook.test\"");
        assertThat(auditActions(id)).contains("WEBHOOK_ENDPOINT_CREATED", "WEBHOOK_ENDPOINT_UPDATED",
                "WEBHOOK_ENDPOINT_DISABLED", "WEBHOOK_ENDPOINT_ENABLED");
        given().auth().oauth2(admin).delete(path).then().statusCode(204);
        assertThat(auditActions(id)).contains("WEBHOOK_ENDPOINT_DELETED");
    }

    @Test
    void anEndpointFailingForFiveDays_isDisabled_audited_andCanBeReEnabled() {
        receiver.answer("/dead", n -> 503);
        String id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url("/dead"), "events", List.of("user.registered")))
                .post("/api/v1/admin/webhooks").then().statusCode(201).extract().path("id");
        String path = "/api/v1/admin/webhooks/" + id;
        jdbc.update("UPDATE webhooks.endpoint SET failing_since = now() - interval '5 days 1 minute' WHERE id = ?", UUID.fromString(id));

        given().auth().oauth2(admin).post(path + "/test").then().statusCode(202);

        await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.FALSE.equals(
                given().auth().oauth2(admin).get(path).then().extract().path("enabled")));
        given().auth().oauth2(admin).get(path).then().body("disabledReason", equalTo("failing"));
        assertThat(auditActions(id)).contains("WEBHOOK_ENDPOINT_AUTO_DISABLED");
        given().auth().oauth2(admin).post(path + "/enable").then().statusCode(200).body("enabled", equalTo(true))
                .body("failingSince", equalTo(null));
        given().auth().oauth2(admin).delete(path).then().statusCode(204);
    }

    @Test
    void aSuccess_endsTheFailureStreak() {
        String id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url("/alive"), "events", List.of("user.registered")))
                .post("/api/v1/admin/webhooks").then().statusCode(201).extract().path("id");
        jdbc.update("UPDATE webhooks.endpoint SET failing_since = now() - interval '4 days' WHERE id = ?", UUID.fromString(id));
        given().auth().oauth2(admin).post("/api/v1/admin/webhooks/" + id + "/test").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(admin).get("/api/v1/admin/webhooks/" + id)
                .then().extract().path("failingSince") == null);
        given().auth().oauth2(admin).delete("/api/v1/admin/webhooks/" + id).then().statusCode(204);
    }

    @Test
    void everyWebhookOperation_isInTheOpenApiDocument_withItsErrors() {
        String document = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        for (String base : List.of("/api/v1/admin/webhooks", "/api/v1/webhooks")) {
            assertThat(document).contains("\"" + base + "\"", "\"" + base + "/{id}\"", "\"" + base + "/{id}/rotate-secret\"",
                    "\"" + base + "/{id}/enable\"", "\"" + base + "/{id}/disable\"", "\"" + base + "/{id}/test\"",
                    "\"" + base + "/{id}/deliveries\"", "\"" + base + "/{id}/deliveries/{delivery}/redeliver\"");
        }
        assertThat(document).contains("hl.webhooks.allowed-hosts").contains("An attempt of it is running");
    }

    private long endpointCount() {
        return jdbc.one("SELECT count(*) FROM webhooks.endpoint", row -> row.getLong(1)).orElseThrow();
    }

    private List<String> auditActions(String endpointId) {
        return jdbc.list("SELECT action FROM admin.audit_log WHERE subject_type = 'webhook_endpoint' AND subject_id = ?",
                row -> row.getString(1), endpointId);
    }
}
