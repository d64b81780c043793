package io.hybridlicense.license.heartbeat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.hybridlicense.testing.Concurrently;
import io.hybridlicense.testing.Users.Activated;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat's contract over real HTTP, on the event-loop route ({@link HeartbeatRoute}); the same
 * assertions run against the REST resource in {@link HeartbeatResourcePathTest}, so both answer alike.
 */
@QuarkusTest
class HeartbeatRouteTest {

    static final String PATH = "/api/v1/licenses/heartbeat";
    private static final String MARK = "m4rk";

    @Inject
    HeartbeatRecorder recorder;
    @Inject
    DataSource dataSource;

    private static Response post(ContentType type, String body) {
        return given().contentType(type).body(body).post(PATH);
    }

    @Test
    void badInput_isProblemJson_withTheRestPathsAnswers_andNothingIsEchoed() {
        post(ContentType.TEXT, "{\"token\":\"" + MARK + "\"}").then().statusCode(415)
                .contentType("application/problem+json").body(not(containsString(MARK)));
        post(ContentType.JSON, "{\"token\":\"t\",\"" + MARK + "\":1}").then().statusCode(400)
                .contentType("application/problem+json").header("X-Content-Type-Options", "nosniff")
                .body("type", equalTo("urn:hybrid-license:problem:malformed-json"))
                .body("instance", equalTo(PATH)).body(not(containsString(MARK)));
        post(ContentType.JSON, "{\"token\":[\"" + MARK + "\"]}").then().statusCode(400)
                .body("type", equalTo("urn:hybrid-license:problem:malformed-json")).body(not(containsString(MARK)));
        post(ContentType.JSON, "[\"" + MARK + "\"]").then().statusCode(400)
                .body("type", equalTo("urn:hybrid-license:problem:malformed-json")).body(not(containsString(MARK)));
        post(ContentType.JSON, "{\"token\":").then().statusCode(400)
                .body("type", equalTo("urn:hybrid-license:problem:malformed-json"));
        post(ContentType.JSON, "{\"token\":\"a\\u0000" + MARK + "\"}").then().statusCode(400)
                .body("type", equalTo("urn:hybrid-license:problem:invalid-text")).body(not(containsString(MARK)));
        post(ContentType.JSON, "{\"token\":\"  \"}").then().statusCode(400)
                .body("type", equalTo("urn:hybrid-license:problem:invalid-request")).body("errors.field", hasItem("token"));
        post(ContentType.JSON, "{}").then().statusCode(400)
                .body("type", equalTo("urn:hybrid-license:problem:invalid-request")).body("errors.field", hasItem("token"));
        post(ContentType.JSON, "{\"token\":\"" + MARK.repeat(2049) + "\"}").then().statusCode(400)
                .body("type", equalTo("urn:hybrid-license:problem:invalid-request")).body(not(containsString(MARK)));
        post(ContentType.JSON, "").then().statusCode(400).contentType("application/problem+json");
        post(ContentType.JSON, "null").then().statusCode(400).contentType("application/problem+json");
        post(ContentType.JSON, "{\"token\":\"" + MARK + "\"}").then().statusCode(401)
                .body("type", equalTo("urn:hybrid-license:problem:invalid-token")).body(not(containsString(MARK)));
    }

    @Test
    void parallelPings_ofManyMachines_eachAnswerIsItsOwn_andEveryPingIsKept() throws Exception {
        List<Activated> machines = HeartbeatPolicies.machinesUnder(12, "PT10M", "PT5M");
        // the first read opens the reactive pool's connections, which on a loaded 2-core machine can alone take
        // longer than the 2 s read timeout (answered 503, as it should be): not what this test is about
        given().contentType(ContentType.JSON).body(Map.of("token", machines.get(0).token())).post(PATH).then().statusCode(200);
        Instant before = Instant.now().minusSeconds(5);
        List<Instant> answers = Concurrently.run(machines.size() * 4, i -> Instant.parse(
                given().contentType(ContentType.JSON).body(Map.of("token", machines.get(i % machines.size()).token()))
                        .post(PATH).then().statusCode(200).extract().<String>path("nextBefore")));
        assertThat(answers).allSatisfy(next -> assertThat(next).isAfter(before.plusSeconds(590)));
        recorder.flush();
        assertThat(pinged(machines)).isEqualTo(machines.size());
    }

    private int pinged(List<Activated> machines) throws Exception {
        try (var connection = dataSource.getConnection();
             var select = connection.prepareStatement("SELECT count(*) FROM license.licenses WHERE id = ANY(?) AND last_heartbeat_at IS NOT NULL")) {
            select.setArray(1, connection.createArrayOf("uuid", machines.stream().map(Activated::licenseId).toArray()));
            try (var row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
