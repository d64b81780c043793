package io.hybridlicense.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridlicense.testing.Json;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.KeyPairGenerator;
import java.time.Instant;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccessTokenTest {

    @Test
    void accessToken_carriesIssuerSubjectGroupsAndAShortExpiry_signedWithAPublishedKey() throws Exception {
        TestUser user = Users.aUser().register();
        String token = user.accessToken();

        JsonNode header = Json.jwtHeader(token);
        JsonNode claims = Json.jwtClaims(token);
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(claims.get("iss").asText()).isEqualTo("hybrid-license");
        assertThat(claims.get("sub").asText()).isEqualTo(user.userId().toString());
        assertThat(claims.get("groups")).extracting(JsonNode::asText).containsExactly("user");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(900);

        JsonWebKeySet published = new JsonWebKeySet(given().get("/.well-known/jwks.json").then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("max-age=300")).extract().asString());
        var key = published.findJsonWebKey(header.get("kid").asText(), "RSA", "sig", "RS256");
        assertThat(key).as("the signing key is published under the token's kid").isNotNull();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        jws.setKey(key.getKey());
        assertThat(jws.verifySignature()).as("offline verification with the JWKS").isTrue();
    }

    @Test
    void jwks_publishesOnlyPublicParts() {
        String jwks = given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString();

        assertThat(jwks).contains("\"kid\"", "\"n\"", "\"e\"").doesNotContain("\"d\"", "\"p\"", "\"q\"");
    }

    @Test
    void rejects_algNone() {
        TestUser user = Users.aUser().register();
        String claims = Json.jwtClaims(user.accessToken()).toString();
        String unsigned = Json.base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Json.base64Url(claims) + ".";

        assertUnauthorized(unsigned);
    }

    @Test
    void rejects_aTamperedToken() {
        TestUser user = Users.aUser().register();
        String[] parts = user.accessToken().split("\\.");
        String claims = Json.jwtClaims(user.accessToken()).toString().replace("[\"user\"]", "[\"user\",\"admin\"]");

        assertUnauthorized(parts[0] + "." + Json.base64Url(claims) + "." + parts[2]);
    }

    @Test
    void rejects_aWrongIssuer() {
        TestUser user = Users.aUser().register();

        assertUnauthorized(signedLike(user, claims(user).issuer("someone-else")));
    }

    @Test
    void rejects_anExpiredToken() {
        TestUser user = Users.aUser().register();
        Instant past = Instant.now().minusSeconds(3600);

        assertUnauthorized(signedLike(user, claims(user).issuedAt(past.minusSeconds(900)).expiresAt(past)));
    }

    @Test
    void rejects_aTokenSignedWithAnotherKey() throws Exception {
        TestUser user = Users.aUser().register();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String kid = Json.jwtHeader(user.accessToken()).get("kid").asText();

        assertUnauthorized(claims(user).jws().keyId(kid).sign(generator.generateKeyPair().getPrivate()));
    }

    @Test
    void rejects_aLicenseTokenAsAccessToken() {
        TestUser user = Users.aUser().register();

        assertUnauthorized(user.activated().token());
    }

    @Test
    void acceptsTheGenuineToken() {
        TestUser user = Users.aUser().register();

        given().auth().oauth2(user.accessToken()).get("/api/v1/auth/me").then().statusCode(200)
                .body("userId", equalTo(user.userId().toString()));
    }

    private static JwtClaimsBuilder claims(TestUser user) {
        return Jwt.issuer("hybrid-license").audience("hybrid-license-api").subject(user.userId().toString())
                .groups(java.util.Set.of("user")).expiresIn(600);
    }

    /** Signed with the application's own key (test JVM = application JVM), under its published kid. */
    private static String signedLike(TestUser user, JwtClaimsBuilder claims) {
        return claims.jws().keyId(Json.jwtHeader(user.accessToken()).get("kid").asText()).sign();
    }

    private static void assertUnauthorized(String token) {
        given().auth().oauth2(token).get("/api/v1/auth/me")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:hybrid-license:problem:unauthorized"));
    }
}
