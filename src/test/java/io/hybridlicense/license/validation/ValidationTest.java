package io.hybridlicense.license.validation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.hybridlicense.admin.api.AdminApi;
import io.hybridlicense.auth.api.SignedTokens;
import io.hybridlicense.license.LicenseTokens;
import io.hybridlicense.license.store.LicenseEntity;
import io.hybridlicense.testing.Json;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.Activated;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class ValidationTest {

    @Inject
    SignedTokens signedTokens;
    @Inject
    ValidationRecorder recorder;
    @Inject
    AdminApi audit;

    @Test
    void aFreshLicense_isValid() {
        Activated license = Users.aUser().register().activated();

        validate(license.token(), license.clientId()).statusCode(200)
                .body("valid", equalTo(true))
                .body("code", equalTo("VALID"))
                .body("licenseId", equalTo(license.licenseId().toString()))
                .body("status", equalTo("active"));
        validate(license.token(), null).body("code", equalTo("VALID"));
    }

    @Test
    void validation_writesNoAuditEntry_andRecordsTheLastValidationLater() {
        Activated license = Users.aUser().register().activated();

        validate(license.token(), license.clientId()).body("code", equalTo("VALID"));
        validate(license.token(), license.clientId()).body("code", equalTo("VALID"));
        recorder.recordValidations();

        assertThat(audit.auditTrailOf("license", license.licenseId().toString())).hasSize(1);
        Instant recorded = QuarkusTransaction.requiringNew()
                .call(() -> LicenseEntity.<LicenseEntity>findById(license.licenseId()).lastValidatedAt);
        assertThat(recorded).isNotNull();
    }

    @Test
    void aSuspension_showsInTheVeryNextValidation_andReactivationToo() {
        Activated license = Users.aUser().register().activated();
        String admin = TestUser.admin().accessToken();
        validate(license.token(), license.clientId()).body("code", equalTo("VALID"));

        patch(admin, license.licenseId(), "suspended");
        validate(license.token(), license.clientId())
                .body("valid", equalTo(false)).body("code", equalTo("SUSPENDED")).body("status", equalTo("suspended"));

        patch(admin, license.licenseId(), "active");
        validate(license.token(), license.clientId()).body("code", equalTo("VALID"));

        patch(admin, license.licenseId(), "revoked");
        validate(license.token(), license.clientId()).body("code", equalTo("REVOKED"));
    }

    @Test
    void aDeactivatedLicense_isReportedRevoked() {
        TestUser user = Users.aUser().register();
        Activated license = user.activated();
        given().auth().oauth2(user.accessToken()).post("/api/v1/licenses/" + license.licenseId() + "/deactivate")
                .then().statusCode(200);

        validate(license.token(), license.clientId())
                .body("code", equalTo("REVOKED")).body("status", equalTo("deactivated"));
    }

    @Test
    void anotherClient_isAMismatch() {
        Activated license = Users.aUser().register().activated();

        validate(license.token(), "some-other-machine")
                .body("valid", equalTo(false)).body("code", equalTo("CLIENT_MISMATCH"));
    }

    @Test
    void anExpiredLicense_isExpired_byRowAndByToken() {
        TestUser user = Users.aUser().register();
        Activated license = user.activated();
        QuarkusTransaction.requiringNew().run(() -> LicenseEntity.update(
                "expiresAt = ?1 where id = ?2", Instant.now().minusSeconds(60), license.licenseId()));
        validate(license.token(), license.clientId()).body("code", equalTo("EXPIRED"));

        Map<String, Object> claims = new HashMap<>(claimsOf(license));
        String expiredToken = signedTokens.sign(LicenseTokens.AUDIENCE, license.licenseId().toString(),
                Instant.now().minusSeconds(5), claims);
        validate(expiredToken, license.clientId()).body("code", equalTo("EXPIRED"))
                .body("licenseId", equalTo(license.licenseId().toString()));
    }

    @Test
    void aSignedTokenForNoLicense_isNotFound() {
        UUID nobody = UUID.randomUUID();
        String token = signedTokens.sign(LicenseTokens.AUDIENCE, nobody.toString(), Instant.now().plusSeconds(600),
                Map.of("licenseId", nobody.toString(), "clientId", "c", "userId", nobody.toString()));

        validate(token, null).body("valid", equalTo(false)).body("code", equalTo("NOT_FOUND"))
                .body("licenseId", equalTo(nobody.toString())).body("status", nullValue());
    }

    @Test
    void badTokens_areInvalidToken_still200() {
        TestUser user = Users.aUser().register();
        Activated license = user.activated();
        String[] parts = license.token().split("\\.");
        String forgedClaims = Json.jwtClaims(license.token()).toString().replace(license.clientId(), "forged");
        String unsigned = Json.base64Url("{\"alg\":\"none\"}") + "." + parts[1] + ".";

        for (String bad : new String[] {"garbage", parts[0] + "." + Json.base64Url(forgedClaims) + "." + parts[2],
                unsigned, user.accessToken(), parts[0] + "." + parts[1] + ".AAAA"}) {
            validate(bad, null).statusCode(200)
                    .body("valid", equalTo(false)).body("code", equalTo("INVALID_TOKEN")).body("licenseId", nullValue());
        }
        String wrongAudience = signedTokens.sign("someone-else", license.licenseId().toString(),
                Instant.now().plusSeconds(600), claimsOf(license));
        validate(wrongAudience, null).body("code", equalTo("INVALID_TOKEN"));
    }

    @Test
    void malformedRequests_are400() {
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/licenses/validate")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"token\": 42, \"clientId\": [1]}").post("/api/v1/licenses/validate")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("token", "x".repeat(9000))).post("/api/v1/licenses/validate")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("not json").post("/api/v1/licenses/validate")
                .then().statusCode(400).contentType("application/problem+json");
    }

    private static Map<String, Object> claimsOf(Activated license) {
        Map<String, Object> claims = new HashMap<>();
        Json.jwtClaims(license.token()).fields().forEachRemaining(field -> {
            if (!Map.of("iss", 1, "aud", 1, "sub", 1, "exp", 1, "iat", 1, "jti", 1).containsKey(field.getKey())) {
                claims.put(field.getKey(), field.getValue().asText());
            }
        });
        return claims;
    }

    public static void patch(String adminToken, UUID licenseId, String status) {
        String etag = given().auth().oauth2(adminToken).get("/api/v1/licenses/" + licenseId).then().statusCode(200)
                .extract().header("ETag");
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("status", status))
                .patch("/api/v1/licenses/" + licenseId)
                .then().statusCode(200);
    }

    private static ValidatableResponse validate(String token, String clientId) {
        Map<String, String> body = new HashMap<>();
        body.put("token", token);
        if (clientId != null) {
            body.put("clientId", clientId);
        }
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/licenses/validate").then().statusCode(200);
    }
}
