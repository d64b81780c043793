package io.hybridlicense.license.heartbeat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hybridlicense.admin.api.AdminApi;
import io.hybridlicense.admin.api.AuditEntryView;
import io.hybridlicense.testing.Concurrently;
import io.hybridlicense.testing.ConsoleSessions.Visitor;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.Activated;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats over real HTTP against the test PostgreSQL. Deadlines are moved with SQL on the database's
 * clock rather than waited for.
 */
@QuarkusTest
class HeartbeatTest {

    @Inject
    CullJob cull;
    @Inject
    HeartbeatRecorder recorder;
    @Inject
    AdminApi audit;
    @Inject
    DataSource dataSource;

    // ---- fixtures

    private static String admin() {
        return TestUser.admin().accessToken();
    }

    private static TestUser userUnder(int seats, String interval, String grace, String cullAfter, String resurrectWithin) {
        return HeartbeatPolicies.userUnder(seats, interval, grace, cullAfter, resurrectWithin);
    }

    private static Response ping(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/api/v1/licenses/heartbeat");
    }

    private static String validate(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/api/v1/licenses/validate")
                .then().statusCode(200).extract().path("code");
    }

    /** Makes the license dead (deadline passed) and, with {@code due}, past its cull time beyond the guard. */
    private void expire(UUID licenseId, boolean due) throws Exception {
        sql("UPDATE license.licenses SET heartbeat_deadline = now() - interval '1 minute', cull_at = "
                + (due ? "now() - interval '1 minute'" : "now() + interval '1 hour'") + " WHERE id = '" + licenseId + "'");
    }

    private void sql(String statement) throws Exception {
        try (var connection = dataSource.getConnection(); var update = connection.createStatement()) {
            update.executeUpdate(statement);
        }
    }

    private Object column(UUID licenseId, String column) throws Exception {
        try (var connection = dataSource.getConnection(); var select = connection.createStatement();
             var row = select.executeQuery("SELECT " + column + " FROM license.licenses WHERE id = '" + licenseId + "'")) {
            row.next();
            return row.getObject(1);
        }
    }

    private static String statusOf(TestUser user, UUID licenseId) {
        return given().auth().oauth2(user.accessToken()).get("/api/v1/licenses/" + licenseId).then().statusCode(200)
                .extract().path("status");
    }

    // ---- tests

    @Test
    void ping_answersNextBefore_andAFarDeadlineIsCoalescedUntilTheFlush() throws Exception {
        TestUser user = userUnder(3, "PT1H", "PT5M", "PT1H", null);
        Activated machine = user.activated();
        assertThat(column(machine.licenseId(), "heartbeat_deadline")).as("watched from activation").isNotNull();

        Instant before = Instant.now();
        long written = recorder.synchronousCount();
        Response answer = ping(machine.token());

        answer.then().statusCode(200);
        Instant nextBefore = Instant.parse(answer.path("nextBefore"));
        assertThat(Duration.between(before, nextBefore)).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
        assertThat(recorder.synchronousCount()).as("kept in memory, not a transaction").isEqualTo(written);
        recorder.flush();
        assertThat(column(machine.licenseId(), "last_heartbeat_at")).isNotNull();
        assertThat(validate(machine.token())).isEqualTo("VALID");
    }

    @Test
    void badTokens_andPoliciesWithoutHeartbeats_areRefusedWithProblems() {
        ping("not-a-token").then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:hybrid-license:problem:invalid-token"));
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/licenses/heartbeat").then().statusCode(400);
        Activated free = Users.aUser().register().activated();
        ping(free.token()).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:hybrid-license:problem:heartbeat-not-required"));
    }

    @Test
    void noPingByIntervalAndGrace_isHeartbeatDead_andAPingRevivesIt() throws Exception {
        TestUser user = userUnder(3, "PT1M", "PT10S", null, null);
        Activated machine = user.activated();
        assertThat(validate(machine.token())).isEqualTo("VALID");

        expire(machine.licenseId(), false);

        assertThat(validate(machine.token())).isEqualTo("HEARTBEAT_DEAD");
        ping(machine.token()).then().statusCode(200);
        assertThat(validate(machine.token())).as("a ping past the deadline is written before its answer").isEqualTo("VALID");
    }

    @Test
    void theCull_deactivatesDueMachines_freesTheSeat_andAuditsReasonHeartbeat() throws Exception {
        TestUser user = userUnder(1, "PT1M", "PT0S", "PT0S", null);
        Activated dead = user.activated();
        user.activate("client-" + UUID.randomUUID()).then().statusCode(403); // the one seat is taken
        expire(dead.licenseId(), true);

        assertThat(cull.cullDue()).isGreaterThanOrEqualTo(1);

        assertThat(statusOf(user, dead.licenseId())).isEqualTo("deactivated");
        List<AuditEntryView> trail = audit.auditTrailOf("license", dead.licenseId().toString());
        assertThat(trail).extracting(AuditEntryView::action).containsExactly("LICENSE_CREATED", "LICENSE_DEACTIVATED");
        assertThat(trail.get(1).details()).containsEntry("reason", "heartbeat");
        assertThat(validate(dead.token())).isEqualTo("REVOKED");
        user.activate("client-" + UUID.randomUUID()).then().statusCode(201); // the seat is free again
        ping(dead.token()).then().statusCode(409)
                .body("type", equalTo("urn:hybrid-license:problem:license-not-live")); // no resurrection window
    }

    @Test
    void aPingWithinTheResurrectionWindow_revivesTheMachine_ifASeatIsFree() throws Exception {
        TestUser user = userUnder(1, "PT1M", "PT0S", "PT0S", "PT1H");
        Activated machine = user.activated();
        expire(machine.licenseId(), true);
        cull.cullDue();
        assertThat(statusOf(user, machine.licenseId())).isEqualTo("deactivated");

        ping(machine.token()).then().statusCode(200);

        assertThat(statusOf(user, machine.licenseId())).isEqualTo("active");
        assertThat(validate(machine.token())).isEqualTo("VALID");
        List<AuditEntryView> trail = audit.auditTrailOf("license", machine.licenseId().toString());
        assertThat(trail).extracting(AuditEntryView::action)
                .containsExactly("LICENSE_CREATED", "LICENSE_DEACTIVATED", "LICENSE_REACTIVATED");
        assertThat(trail.get(2).details()).containsEntry("reason", "heartbeat");
    }

    @Test
    void aPingWithinTheResurrectionWindow_withNoSeatFree_is403() throws Exception {
        TestUser user = userUnder(1, "PT1M", "PT0S", "PT0S", "PT1H");
        Activated machine = user.activated();
        expire(machine.licenseId(), true);
        cull.cullDue();
        user.activate("client-" + UUID.randomUUID()).then().statusCode(201); // takes the freed seat

        ping(machine.token()).then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:hybrid-license:problem:seat-limit-reached"));
        assertThat(statusOf(user, machine.licenseId())).isEqualTo("deactivated");
    }

    @Test
    void parallelResurrections_neverExceedTheSeats() throws Exception {
        for (int round = 0; round < 3; round++) {
            TestUser user = userUnder(3, "PT1M", "PT0S", "PT0S", "PT1H");
            List<Activated> machines = List.of(user.activated(), user.activated(), user.activated());
            for (Activated machine : machines) {
                expire(machine.licenseId(), true);
            }
            cull.cullDue();
            user.activated(); // one seat of three taken again: two are free for three culled machines

            List<Response> answers = Concurrently.run(6, i -> ping(machines.get(i % 3).token()));

            long live = given().auth().oauth2(user.accessToken()).get("/api/v1/licenses").jsonPath()
                    .getList("status", String.class).stream().filter("active"::equals).count();
            assertThat(live).isEqualTo(3);
            answers.forEach(answer -> assertThat(answer.statusCode()).isIn(200, 403));
            long revived = machines.stream().filter(m -> statusOf(user, m.licenseId()).equals("active")).count();
            assertThat(revived).isEqualTo(2);
        }
    }

    @Test
    void pingsRacingTheCull_aMachineThatPingedBeforeItsDeadlineIsNeverCulled() throws Exception {
        TestUser user = userUnder(100, "PT1M", "PT0S", "PT0S", null);
        List<Activated> pinging = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pinging.add(user.activated());
        }
        Activated silent = user.activated();
        // every deadline (and cull time: cullAfter 0) a moment away
        for (Activated machine : pinging) {
            sql("UPDATE license.licenses SET heartbeat_deadline = now() + interval '300 milliseconds',"
                    + " cull_at = now() + interval '300 milliseconds' WHERE id = '" + machine.licenseId() + "'");
        }
        sql("UPDATE license.licenses SET heartbeat_deadline = now() + interval '300 milliseconds',"
                + " cull_at = now() + interval '300 milliseconds' WHERE id = '" + silent.licenseId() + "'");
        List<Integer> culled = new ArrayList<>();

        List<Integer> statuses = Concurrently.run(pinging.size() + 1, i -> {
            if (i == pinging.size()) {
                long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (System.nanoTime() < until) {
                    culled.add(cull.cullDue());
                }
                return 0;
            }
            return ping(pinging.get(i).token()).statusCode();
        });

        statuses.subList(0, pinging.size()).forEach(status -> assertThat(status).isEqualTo(200));
        for (Activated machine : pinging) {
            assertThat(statusOf(user, machine.licenseId())).isEqualTo("active");
        }
        assertThat(statusOf(user, silent.licenseId())).as("the cull did run meanwhile").isEqualTo("deactivated");
    }

    @Test
    void theAdminsUserPage_showsEachMachinesLastHeartbeatAndState() throws Exception {
        TestUser user = userUnder(3, "PT1M", "PT0S", "PT0S", null);
        Activated alive = user.activated();
        Activated dead = user.activated();
        Activated culled = user.activated();
        ping(alive.token()).then().statusCode(200);
        recorder.flush(); // a ping far from its deadline waits in memory for the next batch
        expire(dead.licenseId(), false);
        expire(culled.licenseId(), true);
        cull.cullDue();
        Visitor admin = Visitor.arrive().signedIn(Users.ADMIN_EMAIL, Users.ADMIN_PASSWORD);

        String page = given().cookies(admin.cookies()).get("/console/admin/users/" + user.userId())
                .then().statusCode(200).extract().asString();

        assertThat(page).contains("Last heartbeat");
        assertThat(rowOf(page, alive.licenseId())).contains(">alive<").doesNotContain("Last heartbeat\">—");
        assertThat(rowOf(page, dead.licenseId())).contains(">dead<");
        assertThat(rowOf(page, culled.licenseId())).contains(">culled<");
    }

    @Test
    void theOpenApiDocument_hasTheHeartbeat_withItsErrors() {
        var doc = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        assertThat(doc.getMap("paths.'/api/v1/licenses/heartbeat'.post.responses").keySet())
                .contains("200", "400", "401", "403", "404", "409", "503");
        assertThat(doc.getString("paths.'/api/v1/licenses/heartbeat'.post.responses.409.description"))
                .contains("heartbeat-not-required");
    }

    private static String rowOf(String page, UUID licenseId) {
        int start = page.indexOf("<tr id=\"license-" + licenseId + "\"");
        assertThat(start).as("the row of " + licenseId).isNotNegative();
        return page.substring(start, page.indexOf("</tr>", start));
    }
}
