package io.hybridlicense.license;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hybridlicense.testing.PackagedAppEnvironment;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

/**
 * The whole path over HTTP against the packaged application: proves that the keys the packaged app
 * signs with are the ones it verifies with and publishes.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppEnvironment.class)
class LicenseFlowIT {

    @Test
    void registerLoginActivateValidateDeactivate() throws Exception {
        String email = "it-" + UUID.randomUUID() + "@example.test";
        String password = "packaged app password";
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/register").then().statusCode(201);
        String accessToken = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
        // a plan with more seats is an admin's to give
        given().auth().oauth2(accessToken).contentType(ContentType.JSON).body(Map.of("plan", "pro"))
                .post("/api/v1/subscriptions/me/plan").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:hybrid-license:problem:plan-upgrade-by-admin"));
        given().auth().oauth2(accessToken).get("/api/v1/auth/me").then().statusCode(200)
                .body("email", equalTo(email)).body("subscription.plan", equalTo("free"));

        String clientId = "it-machine-" + UUID.randomUUID();
        Response activation = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "clientId", clientId))
                .post("/api/v1/licenses/activate");
        activation.then().statusCode(201).body("status", equalTo("active"));
        String licenseId = activation.path("licenseId");
        String licenseToken = activation.path("token");

        given().contentType(ContentType.JSON).body(Map.of("token", licenseToken, "clientId", clientId))
                .post("/api/v1/licenses/validate")
                .then().statusCode(200).body("code", equalTo("VALID")).body("licenseId", equalTo(licenseId));
        assertThat(verifiesOffline(licenseToken)).isTrue();

        given().auth().oauth2(accessToken).post("/api/v1/licenses/" + licenseId + "/deactivate").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("token", licenseToken))
                .post("/api/v1/licenses/validate")
                .then().statusCode(200).body("code", equalTo("REVOKED"));
    }

    @Test
    void rejectsGarbageBearerTokens() {
        given().auth().oauth2("not.a.token").get("/api/v1/auth/me")
                .then().statusCode(401).contentType("application/problem+json");
    }

    private static boolean verifiesOffline(String token) throws Exception {
        JsonWebKeySet jwks = new JsonWebKeySet(given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        jws.setKey(jwks.findJsonWebKey(jws.getKeyIdHeaderValue(), "RSA", "sig", "RS256").getKey());
        return jws.verifySignature();
    }
}
