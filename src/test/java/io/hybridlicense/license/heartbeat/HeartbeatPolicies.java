package io.hybridlicense.license.heartbeat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.Activated;
import io.hybridlicense.testing.Users.TestUser;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test users under policies of their own that require heartbeats, made through the admin API. */
final class HeartbeatPolicies {

    private HeartbeatPolicies() {
    }

    /** A user under a new policy of their own with these heartbeat terms (ISO-8601, null = none). */
    static TestUser userUnder(int seats, String interval, String grace, String cullAfter, String resurrectWithin) {
        String admin = TestUser.admin().accessToken();
        Map<String, Object> terms = new HashMap<>();
        terms.put("name", "heartbeat-" + UUID.randomUUID().toString().substring(0, 8));
        terms.put("seats", seats);
        terms.put("duration", "P365D");
        terms.put("entitlements", List.of());
        terms.put("heartbeatInterval", interval);
        terms.put("heartbeatGrace", grace);
        terms.put("cullAfter", cullAfter);
        terms.put("resurrectWithin", resurrectWithin);
        Response policy = given().auth().oauth2(admin).contentType(ContentType.JSON).body(terms).post("/api/v1/admin/policies");
        assertThat(policy.statusCode()).as(policy.asString()).isEqualTo(201);
        String plan = "hb-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("code", plan, "policyId", policy.path("id")))
                .post("/api/v1/admin/plans").then().statusCode(201);
        return Users.aUser().withPlan(plan).register();
    }

    /** {@code count} machines of one user under a policy with this interval and grace (cull after 1 h). */
    static List<Activated> machinesUnder(int count, String interval, String grace) {
        TestUser user = userUnder(count, interval, grace, "PT1H", null);
        List<Activated> machines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            machines.add(user.activated());
        }
        return machines;
    }
}
