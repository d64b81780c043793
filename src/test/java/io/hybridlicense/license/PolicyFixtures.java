package io.hybridlicense.license;

import static io.restassured.RestAssured.given;

import io.hybridlicense.testing.Users.TestUser;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Policies, plans and entitlements of a test's own, through the admin API (the shared free/pro/enterprise stay as they are). */
public final class PolicyFixtures {

    private PolicyFixtures() {
    }

    public static String admin() {
        return TestUser.admin().accessToken();
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String entitlement(String admin) {
        String code = unique("feature");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("code", code))
                .post("/api/v1/admin/entitlements").then().statusCode(201);
        return code;
    }

    public static Map<String, Object> terms(int seats, String grace, List<String> entitlements) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", unique("policy"));
        body.put("seats", seats);
        body.put("duration", "P365D");
        body.put("expiryGrace", grace);
        body.put("entitlements", entitlements);
        return body;
    }

    /** A new policy: its id. */
    public static UUID policy(String admin, Map<String, Object> terms) {
        Response created = given().auth().oauth2(admin).contentType(ContentType.JSON).body(terms).post("/api/v1/admin/policies");
        if (created.statusCode() != 201) {
            throw new AssertionError("Policy not created: " + created.statusCode() + " " + created.asString());
        }
        return UUID.fromString(created.path("id"));
    }

    /** A new plan naming the policy: its code. */
    public static String plan(String admin, UUID policyId) {
        String code = unique("plan");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("code", code, "policyId", policyId.toString()))
                .post("/api/v1/admin/plans").then().statusCode(201);
        return code;
    }

    public static String etagOf(String admin, UUID policyId) {
        return given().auth().oauth2(admin).get("/api/v1/admin/policies/" + policyId).then().statusCode(200)
                .extract().header("ETag");
    }

    public static Response update(String admin, UUID policyId, Map<String, Object> terms) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etagOf(admin, policyId))
                .body(terms).put("/api/v1/admin/policies/" + policyId);
    }

    public static Response validate(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/licenses/validate");
    }
}
