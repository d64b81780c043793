package io.hybridlicense.schemasync;

import static io.restassured.RestAssured.given;

import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;

/** Access tokens issued by the auth module over HTTP, for a fresh user or the configured admin. */
public final class Tokens {

    /** A user id and its bearer token. */
    public record Identity(String userId, String token) {
        String bearer() {
            return "Bearer " + token;
        }
    }

    private Tokens() {
    }

    public static Identity forNewUser() {
        TestUser user = Users.aUser().register();
        return new Identity(user.userId().toString(), user.accessToken());
    }

    public static Identity forAdmin() {
        String token = TestUser.admin().accessToken();
        String userId = given().header("Authorization", "Bearer " + token).get("/api/v1/auth/me")
                .then().statusCode(200).extract().path("userId");
        return new Identity(userId, token);
    }
}
