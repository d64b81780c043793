package io.hybridlicense.license;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.hybridlicense.admin.api.AdminApi;
import io.hybridlicense.admin.api.AuditEntryView;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SubscriptionResourceTest {

    @Inject
    AdminApi audit;

    @Test
    void registration_startsASubscription() {
        TestUser user = Users.aUser().withPlan("enterprise").register();

        given().auth().oauth2(user.accessToken()).get("/api/v1/subscriptions/me")
                .then().statusCode(200)
                .body("userId", equalTo(user.userId().toString()))
                .body("plan", equalTo("enterprise"))
                .body("status", equalTo("active"))
                .body("subscriptionId", notNullValue())
                .body("startedAt", notNullValue())
                .body("renewsAt", notNullValue());
    }

    @Test
    void anAdmin_movesAUserToAPlanWithMoreSeats_auditedWithTheAdminAsActor() {
        TestUser user = Users.aUser().register();
        user.activated();
        String token = user.accessToken();
        String admin = TestUser.admin().accessToken();

        String subscriptionId = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("plan", "pro"))
                .post("/api/v1/admin/users/" + user.userId() + "/plan")
                .then().statusCode(200).body("plan", equalTo("pro")).extract().path("subscriptionId");

        user.activated();
        given().auth().oauth2(token).get("/api/v1/auth/me").then().body("plan", equalTo("pro"))
                .body("subscription.plan", equalTo("pro"));
        List<AuditEntryView> trail = audit.auditTrailOf("subscription", subscriptionId);
        assertThat(trail).extracting(AuditEntryView::action).containsExactly("SUBSCRIPTION_STARTED", "SUBSCRIPTION_PLAN_CHANGED");
        assertThat(trail.get(1).actorId()).isNotNull().isNotEqualTo(user.userId().toString());
    }

    @Test
    void aUser_cannotGiveThemselvesMoreSeats_403_andNothingChanges() {
        TestUser user = Users.aUser().register();
        String token = user.accessToken();

        for (String plan : List.of("pro", "enterprise")) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("plan", plan))
                    .post("/api/v1/subscriptions/me/plan")
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("urn:hybrid-license:problem:plan-upgrade-by-admin"));
        }
        given().auth().oauth2(token).get("/api/v1/subscriptions/me").then().body("plan", equalTo("free"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("plan", "pro"))
                .post("/api/v1/admin/users/" + user.userId() + "/plan").then().statusCode(403);
        String subscriptionId = given().auth().oauth2(token).get("/api/v1/subscriptions/me").path("subscriptionId");
        assertThat(audit.auditTrailOf("subscription", subscriptionId)).extracting(AuditEntryView::action)
                .containsExactly("SUBSCRIPTION_STARTED");
    }

    @Test
    void downgrading_isRefusedWhileMoreLicensesAreActiveThanTheNewPlanAllows() {
        TestUser user = Users.aUser().withPlan("pro").register();
        Users.Activated first = user.activated();
        user.activated();
        String token = user.accessToken();

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("plan", "free"))
                .post("/api/v1/subscriptions/me/plan")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:hybrid-license:problem:plan-downgrade-refused"));
        given().auth().oauth2(token).get("/api/v1/subscriptions/me").then().body("plan", equalTo("pro"));

        given().auth().oauth2(token).post("/api/v1/licenses/" + first.licenseId() + "/deactivate").then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("plan", "free"))
                .post("/api/v1/subscriptions/me/plan")
                .then().statusCode(200).body("plan", equalTo("free"));
    }

    @Test
    void anUnknownPlan_is400() {
        TestUser user = Users.aUser().register();

        given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON).body(Map.of("plan", "platinum"))
                .post("/api/v1/subscriptions/me/plan")
                .then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/subscriptions/me").then().statusCode(401);
    }
}
