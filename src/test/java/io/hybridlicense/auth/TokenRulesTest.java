package io.hybridlicense.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hybridlicense.testing.Json;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.Activated;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtSignatureBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/**
 * Tokens hand-built from genuine ones and signed with the application's real key: only the {@code kid}
 * or the {@code iat} differ. Access tokens must then fail as bearer tokens, license tokens at /validate.
 */
@QuarkusTest
class TokenRulesTest {

    @Test
    void accessTokens_withoutKid_orWithAnUnknownKid_areRefused() throws Exception {
        TestUser user = Users.aUser().register();
        String genuine = user.accessToken();

        String withoutKid = resigned(genuine, claims -> claims, null);
        assertThat(Json.jwtHeader(withoutKid).has("kid")).isFalse();
        assertBearerRefused(withoutKid);
        assertBearerRefused(resigned(genuine, claims -> claims, "some-other-key"));
        assertBearerAccepted(resigned(genuine, claims -> claims, kidOf(genuine)));
    }

    @Test
    void accessTokens_issuedInTheFuture_beyondTheSkew_areRefused() throws Exception {
        TestUser user = Users.aUser().register();
        String genuine = user.accessToken();

        assertBearerRefused(resigned(genuine, issuedIn(120), kidOf(genuine)));
        assertBearerAccepted(resigned(genuine, issuedIn(30), kidOf(genuine)));
    }

    @Test
    void licenseTokens_withoutKid_withAnUnknownKid_orIssuedInTheFuture_areInvalid() throws Exception {
        Activated license = Users.aUser().register().activated();
        String kid = kidOf(license.token());

        assertValidation(resigned(license.token(), claims -> claims, null), "INVALID_TOKEN");
        assertValidation(resigned(license.token(), claims -> claims, "some-other-key"), "INVALID_TOKEN");
        assertValidation(resigned(license.token(), issuedIn(120), kid), "INVALID_TOKEN");
        assertValidation(resigned(license.token(), issuedIn(30), kid), "VALID");
    }

    private static Function<Map<String, Object>, Map<String, Object>> issuedIn(long seconds) {
        return claims -> {
            claims.put("iat", Instant.now().getEpochSecond() + seconds);
            return claims;
        };
    }

    /** The same claims (changed as asked), signed with the application's signing key, with the given kid or none. */
    private static String resigned(String token, Function<Map<String, Object>, Map<String, Object>> change, String kid)
            throws Exception {
        Map<String, Object> claims = change.apply(JwtClaims.parse(Json.jwtClaims(token).toString()).getClaimsMap());
        JwtSignatureBuilder jws = Jwt.claims(claims).jws();
        return kid == null ? jws.sign() : jws.keyId(kid).sign();
    }

    private static String kidOf(String token) {
        return Json.jwtHeader(token).get("kid").asText();
    }

    private static void assertBearerRefused(String token) {
        given().auth().oauth2(token).get("/api/v1/auth/me").then().statusCode(401);
    }

    private static void assertBearerAccepted(String token) {
        given().auth().oauth2(token).get("/api/v1/auth/me").then().statusCode(200);
    }

    private static void assertValidation(String token, String code) {
        given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/api/v1/licenses/validate")
                .then().statusCode(200).body("code", equalTo(code));
    }
}
