package io.hybridlicense.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.hybridlicense.admin.api.AdminApi;
import io.hybridlicense.admin.api.AuditEntryView;
import io.hybridlicense.testing.Concurrently;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthResourceTest {

    @Inject
    AdminApi admin;

    @Test
    void register_createsTheAccountWithItsSubscriptionAndAuditEntry() {
        String email = Users.uniqueEmail();
        Response response = register()
                .body(Map.of("email", "  " + email + " ", "password", "long enough pw"))
                .post("/api/v1/auth/register");

        response.then().statusCode(201)
                .body("email", equalTo(email))
                .body("plan", equalTo("free"))
                .body("createdAt", notNullValue())
                .body("password", nullValue())
                .body("userId", matchesPattern("[0-9a-f-]{36}"));
        String userId = response.path("userId");
        assertThat(admin.auditTrailOf("user", userId)).extracting(AuditEntryView::action).containsExactly("USER_REGISTERED");
        assertThat(admin.auditTrailOf("user", userId).get(0).details()).doesNotContainKey("password");
    }

    @Test
    void register_defaultsToTheFreePlan() {
        register()
                .body(Map.of("email", Users.uniqueEmail(), "password", "long enough pw"))
                .post("/api/v1/auth/register")
                .then().statusCode(201).body("plan", equalTo("free"));
    }

    /** Self-service sign-ups cannot choose a plan (enterprise was 100 seats for anyone); an admin sets it. */
    @Test
    void register_refusesAPlan_422_andCreatesNoAccount() {
        for (Object plan : List.of("enterprise", "pro", "free", "gold", 7)) {
            String email = Users.uniqueEmail();
            register().body(Map.of("email", email, "password", "long enough pw", "plan", plan))
                    .post("/api/v1/auth/register")
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("urn:hybrid-license:problem:plan-not-selectable"))
                    .body(not(org.hamcrest.Matchers.containsString("long enough pw")));
            long rows = QuarkusTransaction.requiringNew().call(() -> UserEntity.count("lower(email) = ?1", email.toLowerCase()));
            assertThat(rows).as("accounts for plan %s", plan).isZero();
        }
    }

    @Test
    void register_refusesAnEmailInUse_ignoringCase() {
        TestUser user = Users.aUser().register();

        register()
                .body(Map.of("email", user.email().toUpperCase(), "password", "another password"))
                .post("/api/v1/auth/register")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:hybrid-license:problem:email-taken"));
    }

    @Test
    void register_concurrentlyWithOneEmail_createsOneAccount() throws Exception {
        String email = Users.uniqueEmail();

        List<Integer> statuses = Concurrently.run(6, i -> register()
                .body(Map.of("email", i % 2 == 0 ? email : email.toUpperCase(), "password", "long enough pw"))
                .post("/api/v1/auth/register").statusCode());

        assertThat(statuses).containsOnly(201, 409).filteredOn(status -> status == 201).hasSize(1);
        long rows = QuarkusTransaction.requiringNew().call(() -> UserEntity.count("lower(email) = ?1", email.toLowerCase()));
        assertThat(rows).isOne();
    }

    @Test
    void register_rejectsBadInput_withoutEchoingThePassword() {
        String secret = "short-pw";
        register().body(Map.of("email", Users.uniqueEmail(), "password", secret))
                .post("/api/v1/auth/register")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("password"))
                .body(not(org.hamcrest.Matchers.containsString(secret)));
        register().body(Map.of("email", Users.uniqueEmail(), "password", "é".repeat(513)))
                .post("/api/v1/auth/register")
                .then().statusCode(400).body("errors.field", hasItem("password"));
        register().body(Map.of("email", "not-an-email", "password", "long enough pw"))
                .post("/api/v1/auth/register")
                .then().statusCode(400).body("errors.field", hasItem("email"));
        register().body(Map.of("password", "long enough pw"))
                .post("/api/v1/auth/register")
                .then().statusCode(400).body("errors.field", hasItem("email"));
        register().body("{\"email\": \"a@b.c\", \"password\": \"secret-in-json\"")
                .post("/api/v1/auth/register")
                .then().statusCode(400).contentType("application/problem+json")
                .body(not(org.hamcrest.Matchers.containsString("secret-in-json")));
        register()
                .body(Map.of("email", Users.uniqueEmail(), "password", "long enough pw", "role", "admin"))
                .post("/api/v1/auth/register")
                .then().statusCode(400).body("detail", equalTo("The body has a field this endpoint does not know; it knows email, password, plan"));
        register()
                .body(Map.of("email", "x".repeat(250) + "@example.test", "password", "long enough pw"))
                .post("/api/v1/auth/register")
                .then().statusCode(400).body("errors.field", hasItem("email"));
    }

    /** As from a client of its own: registrations are limited per client address (RegistrationLimitTest). */
    private static RequestSpecification register() {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Users.freshAddress());
    }

    @Test
    void login_issuesABearerAccessToken() {
        TestUser user = Users.aUser().register();

        given().contentType(ContentType.JSON)
                .body(Map.of("email", " " + user.email().toUpperCase(), "password", user.password()))
                .post("/api/v1/auth/login")
                .then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("no-store"))
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("accessToken", notNullValue());
    }

    @Test
    void login_answersUnknownEmailAndWrongPasswordAlike() {
        TestUser user = Users.aUser().register();

        Response wrongPassword = given().contentType(ContentType.JSON).header("X-Forwarded-For", Users.freshAddress())
                .body(Map.of("email", user.email(), "password", "wrong password"))
                .post("/api/v1/auth/login");
        Response unknownEmail = given().contentType(ContentType.JSON).header("X-Forwarded-For", Users.freshAddress())
                .body(Map.of("email", Users.uniqueEmail(), "password", "wrong password"))
                .post("/api/v1/auth/login");

        wrongPassword.then().statusCode(401).contentType("application/problem+json");
        unknownEmail.then().statusCode(401);
        assertThat(unknownEmail.asString()).isEqualTo(wrongPassword.asString());
    }

    @Test
    void me_showsProfilePlanAndSubscription() {
        TestUser user = Users.aUser().withPlan("pro").register();

        given().auth().oauth2(user.accessToken()).get("/api/v1/auth/me")
                .then().statusCode(200)
                .body("userId", equalTo(user.userId().toString()))
                .body("email", equalTo(user.email()))
                .body("plan", equalTo("pro"))
                .body("roles", equalTo(List.of("user")))
                .body("subscription.plan", equalTo("pro"))
                .body("subscription.status", equalTo("active"))
                .body("subscription.renewsAt", notNullValue());
    }

    @Test
    void me_needsAToken() {
        given().get("/api/v1/auth/me")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void login_rehashesAPasswordStoredWithWeakerParameters() {
        TestUser user = Users.aUser().register();
        String weakHash = new PasswordHasher(1024, 1, 1).hash(user.password());
        QuarkusTransaction.requiringNew().run(() -> UserEntity.update("passwordHash = ?1 where id = ?2", weakHash, user.userId()));

        user.accessToken();

        String stored = QuarkusTransaction.requiringNew().call(() -> UserEntity.<UserEntity>findById(user.userId()).passwordHash);
        assertThat(stored).startsWith("$argon2id$v=19$m=4096,t=2,p=1$");
        user.accessToken();
    }
}
