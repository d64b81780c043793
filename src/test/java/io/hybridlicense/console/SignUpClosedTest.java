package io.hybridlicense.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import io.hybridlicense.testing.ConsoleSessions.Visitor;
import io.hybridlicense.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With hl.auth.self-registration=false: no sign-up page, no link to it, and the API's registration refused. */
@QuarkusTest
@TestProfile(SignUpClosedTest.Closed.class)
class SignUpClosedTest {

    public static class Closed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hl.auth.self-registration", "false");
        }
    }

    @Test
    void signUp_isClosed_inTheConsoleAndTheApi() {
        given().get("/console/sign-in").then().statusCode(200).body(not(containsString("/console/sign-up")));
        given().get("/console/sign-up").then().statusCode(404).body(containsString("Sign-up is closed"))
                .body(containsString("<title>Not found · Hybrid License</title>"));
        Visitor visitor = Visitor.arrive();
        String email = Users.uniqueEmail();
        given().cookies(visitor.cookies()).formParam("csrf-token", visitor.csrfToken()).formParam("email", email)
                .formParam("password", "a-long-enough-password").post("/console/sign-up").then().statusCode(404);
        given().contentType(ContentType.JSON).header("X-Forwarded-For", Users.freshAddress())
                .body(Map.of("email", email, "password", "a-long-enough-password"))
                .post("/api/v1/auth/register").then().statusCode(403).body("type", endsWith("registration-closed"));
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "a-long-enough-password"))
                .post("/api/v1/auth/login").then().statusCode(401);
        given().get("/console/forgot-password").then().statusCode(200).body(not(containsString("/console/sign-up")));
    }
}
