package io.hybridlicense.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RateLimitTest {

    @Test
    void login_isThrottledPerAccount_afterFiveFailures_evenWithTheRightPassword() {
        TestUser user = Users.aUser().register();
        for (int i = 0; i < 5; i++) {
            login(user.email(), "wrong password", Users.freshAddress()).then().statusCode(401);
        }

        Response throttled = login(user.email(), user.password(), Users.freshAddress());

        throttled.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:hybrid-license:problem:too-many-attempts"));
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 60);
    }

    @Test
    void login_isThrottledPerAddress_acrossAccounts() {
        String address = Users.freshAddress();
        for (int i = 0; i < 20; i++) {
            login(Users.uniqueEmail(), "wrong password", address).then().statusCode(401);
        }

        login(Users.uniqueEmail(), "wrong password", address).then().statusCode(429);
        TestUser elsewhere = Users.aUser().register();
        login(elsewhere.email(), elsewhere.password(), Users.freshAddress()).then().statusCode(200);
    }

    @Test
    void successfulLogins_doNotCountAgainstTheLimit() {
        TestUser user = Users.aUser().register();
        String address = Users.freshAddress();

        for (int i = 0; i < 8; i++) {
            login(user.email(), user.password(), address).then().statusCode(200);
        }
    }

    @Test
    void activation_isThrottledPerAccount() {
        TestUser user = Users.aUser().register();
        for (int i = 0; i < 5; i++) {
            activate(user.email(), "wrong password", Users.freshAddress()).then().statusCode(401);
        }

        activate(user.email(), user.password(), Users.freshAddress()).then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    private static Response login(String email, String password, String address) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login");
    }

    private static Response activate(String email, String password, String address) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("email", email, "password", password, "clientId", "throttled-client"))
                .post("/api/v1/licenses/activate");
    }
}
