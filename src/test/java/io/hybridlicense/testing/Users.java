package io.hybridlicense.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.security.SecureRandom;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds and registers test users over HTTP: {@code Users.aUser().withPlan("pro").register()}. */
public final class Users {

    public static final String ADMIN_EMAIL = "admin@tests.hybridlicense.io";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    /**
     * Starts anywhere in 10.0.0.0/8: the test database outlives a run, and so do its registration buckets
     * (an hour), so a rerun must not begin with the addresses the last run used up.
     */
    private static final AtomicInteger ADDRESSES = new AtomicInteger(new SecureRandom().nextInt(1 << 24));

    private String email = uniqueEmail();
    private String password = "correct horse battery";
    private String plan = "free";

    private Users() {
    }

    public static Users aUser() {
        return new Users();
    }

    public static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.test";
    }

    /**
     * A fresh client address for requests that fail on purpose and for registrations, so that the
     * per-address limits of one test never throttle another (the test profile honours X-Forwarded-For).
     */
    public static String freshAddress() {
        int n = ADDRESSES.incrementAndGet() & 0xffffff;
        return "10." + (n >> 16 & 0xff) + "." + (n >> 8 & 0xff) + "." + (n & 0xff);
    }

    public Users withPlan(String plan) {
        this.plan = plan;
        return this;
    }

    public Users withEmail(String email) {
        this.email = email;
        return this;
    }

    public Users withPassword(String password) {
        this.password = password;
        return this;
    }

    public TestUser register() {
        Response response = given().contentType(ContentType.JSON).header("X-Forwarded-For", freshAddress())
                .body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/register");
        if (response.statusCode() != 201) {
            throw new AssertionError("Registration failed: " + response.statusCode() + " " + response.asString());
        }
        TestUser user = new TestUser(UUID.fromString(response.path("userId")), email, password);
        if (!"free".equals(plan)) {
            // every sign-up starts on the free plan; an admin moves it
            given().auth().oauth2(TestUser.admin().accessToken()).contentType(ContentType.JSON).body(Map.of("plan", plan))
                    .post("/api/v1/admin/users/" + user.userId() + "/plan").then().statusCode(200);
        }
        return user;
    }

    /** A registered user, with helpers for the calls most tests need. */
    public record TestUser(UUID userId, String email, String password) {

        public static TestUser admin() {
            return new TestUser(null, ADMIN_EMAIL, ADMIN_PASSWORD);
        }

        public String accessToken() {
            return given().contentType(ContentType.JSON)
                    .body(Map.of("email", email, "password", password))
                    .post("/api/v1/auth/login")
                    .then().statusCode(200)
                    .extract().path("accessToken");
        }

        public Response activate(String clientId) {
            return given().contentType(ContentType.JSON)
                    .body(Map.of("email", email, "password", password, "clientId", clientId))
                    .post("/api/v1/licenses/activate");
        }

        /** Activates a new license and returns its id and token. */
        public Activated activated() {
            Response response = activate("client-" + UUID.randomUUID());
            if (response.statusCode() != 201) {
                throw new AssertionError("Activation failed: " + response.statusCode() + " " + response.asString());
            }
            return new Activated(UUID.fromString(response.path("licenseId")), response.path("clientId"), response.path("token"));
        }
    }

    public record Activated(UUID licenseId, String clientId, String token) {
    }
}
