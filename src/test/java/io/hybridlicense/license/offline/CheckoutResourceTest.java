package io.hybridlicense.license.offline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hybridlicense.license.PolicyFixtures;
import io.hybridlicense.shared.Ed25519Keys;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CheckoutResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    @Test
    void theOwnerChecksOutAFile_thatTheIndependentVerifierAccepts() throws Exception {
        TestUser user = Users.aUser().register();
        Users.Activated license = user.activated();

        String file = given().auth().oauth2(user.accessToken()).post(checkout(license.licenseId(), "?ttl=P7D"))
                .then().statusCode(200).contentType(CheckoutResource.MEDIA_TYPE).extract().asString();

        assertThat(file).startsWith("-----BEGIN HYBRID LICENSE FILE-----\n").endsWith("-----END HYBRID LICENSE FILE-----\n");
        JsonNode payload = verifiedByJava(file, null);
        assertThat(payload.get("licenseId").asText()).isEqualTo(license.licenseId().toString());
        assertThat(payload.get("userId").asText()).isEqualTo(user.userId().toString());
        assertThat(payload.get("clientId").asText()).isEqualTo(license.clientId());
        assertThat(payload.get("plan").asText()).isEqualTo("free");
        assertThat(payload.get("policy").asText()).isEqualTo("Free");
        assertThat(payload.get("entitlements").isArray()).isTrue();
        assertThat(payload.get("heartbeat").isNull()).isTrue();
        Instant issued = Instant.parse(payload.get("issued").asText());
        assertThat(Duration.between(issued, Instant.parse(payload.get("expiry").asText()))).isEqualTo(Duration.ofDays(7));
        PythonVerifier.Result python = verifiedByPython(file, "--client-id", license.clientId());
        assertThat(python.exitCode()).as(python.stderr()).isZero();
        assertThat(JSON.readTree(python.stdout())).isEqualTo(payload);
    }

    @Test
    void theLicenseTokenAsBearer_checksOutAnEncryptedFile_thatOpensOnlyWithItsMachine() throws Exception {
        TestUser user = Users.aUser().withPlan("pro").register();
        String clientId = "machine-" + UUID.randomUUID();
        Response activation = user.activate(clientId);
        activation.then().statusCode(201);
        String secret = activation.path("fileSecret");
        String token = activation.path("token");
        UUID licenseId = UUID.fromString(activation.path("licenseId"));
        assertThat(secret).hasSize(43);
        user.activate(clientId).then().statusCode(200).body("$", not(hasKey("fileSecret")));

        String file = given().auth().oauth2(token).post(checkout(licenseId, "?encrypt=true"))
                .then().statusCode(200).extract().asString();

        JsonNode payload = verifiedByJava(file, new LicenseFileFormat.Machine(clientId, secret));
        assertThat(Duration.between(Instant.parse(payload.get("issued").asText()), Instant.parse(payload.get("expiry").asText())))
                .isEqualTo(Duration.ofDays(30));
        assertThat(verifiedByPython(file, "--client-id", clientId, "--secret", secret).exitCode()).isZero();
        PythonVerifier.Result elsewhere = verifiedByPython(file, "--client-id", "another-machine", "--secret", secret);
        assertThat(elsewhere.exitCode()).isEqualTo(1);
        assertThat(elsewhere.stderr()).startsWith("refused: wrong-machine");
        // the token of one license checks out no other
        UUID other = user.activated().licenseId();
        given().auth().oauth2(token).post(checkout(other, "")).then().statusCode(404);
    }

    @Test
    void expiryIsTheEarlierOfTheLicensesAndTheTtl() throws Exception {
        TestUser user = Users.aUser().register();
        Users.Activated license = user.activated();
        Instant licenseExpiry = Instant.parse(given().auth().oauth2(user.accessToken()).get("/api/v1/licenses/" + license.licenseId())
                .then().statusCode(200).extract().path("expiresAt"));

        String file = given().auth().oauth2(user.accessToken()).post(checkout(license.licenseId(), "?ttl=P365D"))
                .then().statusCode(200).extract().asString();

        Instant expiry = Instant.parse(verifiedByJava(file, null).get("expiry").asText());
        assertThat(expiry).isBeforeOrEqualTo(licenseExpiry).isAfter(licenseExpiry.minusSeconds(1));
    }

    @Test
    void aTtlOutsideAnHourToAYear_is422_withoutEchoingIt() {
        TestUser user = Users.aUser().register();
        Users.Activated license = user.activated();
        String access = user.accessToken();
        for (String ttl : new String[] {"PT59M", "P366D", "forever<script>", "P1Y", "-P1D"}) {
            given().auth().oauth2(access).post(checkout(license.licenseId(), "?ttl=" + ttl))
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("urn:hybrid-license:problem:invalid-ttl"))
                    .body("detail", not(org.hamcrest.Matchers.containsString(ttl)));
        }
        given().auth().oauth2(access).post(checkout(license.licenseId(), "?ttl=PT1H")).then().statusCode(200);
    }

    @Test
    void aRevokedOrSuspendedLicense_is409_neverAFile() {
        TestUser user = Users.aUser().withPlan("pro").register();
        String admin = TestUser.admin().accessToken();
        for (String status : new String[] {"suspended", "revoked"}) {
            Users.Activated license = user.activated();
            patch(admin, license.licenseId(), status);
            given().auth().oauth2(user.accessToken()).post(checkout(license.licenseId(), ""))
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("urn:hybrid-license:problem:license-not-active"));
            given().auth().oauth2(license.token()).post(checkout(license.licenseId(), "")).then().statusCode(409);
        }
    }

    @Test
    void aLicensePastItsExpiry_is409_evenBeforeTheExpiryJobMarksIt() {
        TestUser user = Users.aUser().register();
        Users.Activated license = user.activated();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE license.licenses SET expires_at = now() - interval '1 minute' WHERE id = ?1")
                .setParameter(1, license.licenseId()).executeUpdate());

        given().auth().oauth2(user.accessToken()).post(checkout(license.licenseId(), ""))
                .then().statusCode(409).body("type", equalTo("urn:hybrid-license:problem:license-not-active"))
                .body("detail", org.hamcrest.Matchers.containsString("expired"));
    }

    @Test
    void someoneElsesOrAnUnknownLicense_is404_andNoCredential_is401() {
        Users.Activated theirs = Users.aUser().register().activated();
        TestUser me = Users.aUser().register();

        given().auth().oauth2(me.accessToken()).post(checkout(theirs.licenseId(), "")).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(me.accessToken()).post(checkout(UUID.randomUUID(), "")).then().statusCode(404);
        given().post(checkout(theirs.licenseId(), "")).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("not-a-token").post(checkout(theirs.licenseId(), "")).then().statusCode(401);
        given().auth().oauth2(TestUser.admin().accessToken()).post(checkout(theirs.licenseId(), "")).then().statusCode(200);
    }

    @Test
    void thePublishedKeysAreOkpJwks_andTheOpenApiDocumentListsTheEndpoints() {
        given().get("/.well-known/license-keys.json").then().statusCode(200)
                .body("keys[0].kty", equalTo("OKP")).body("keys[0].crv", equalTo("Ed25519"))
                .body("keys[0].kid", org.hamcrest.Matchers.notNullValue()).body("keys[0]", not(hasKey("d")));
        given().accept(ContentType.JSON).get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/licenses/{id}/checkout"))
                .body("paths", hasKey("/.well-known/license-keys.json"))
                .body("paths.'/api/v1/licenses/{id}/checkout'.post.responses", hasKey("409"))
                .body("paths.'/api/v1/licenses/{id}/checkout'.post.responses", hasKey("422"));
    }

    @Test
    void aFile_carriesThePolicyAndTheEffectiveEntitlements_fromTheSamePlaceAsValidation() throws Exception {
        String admin = PolicyFixtures.admin();
        String pdf = PolicyFixtures.entitlement(admin);
        String sso = PolicyFixtures.entitlement(admin);
        java.util.Map<String, Object> terms = PolicyFixtures.terms(2, null, java.util.List.of(pdf));
        terms.put("offlineTtl", "P7D");
        UUID policyId = PolicyFixtures.policy(admin, terms);
        TestUser user = Users.aUser().withPlan(PolicyFixtures.plan(admin, policyId)).register();
        Users.Activated license = user.activated();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("entitlements", java.util.List.of(sso)))
                .put("/api/v1/admin/licenses/" + license.licenseId() + "/entitlements").then().statusCode(200);

        String file = given().auth().oauth2(user.accessToken()).post(checkout(license.licenseId(), ""))
                .then().statusCode(200).extract().asString();

        JsonNode payload = verifiedByJava(file, null);
        assertThat(payload.get("policy").asText()).isEqualTo(terms.get("name"));
        assertThat(Duration.between(Instant.parse(payload.get("issued").asText()), Instant.parse(payload.get("expiry").asText())))
                .as("no ttl asked: the policy's offlineTtl").isEqualTo(Duration.ofDays(7));
        assertThat(payload.get("entitlements").toString()).isEqualTo(JSON.writeValueAsString(
                java.util.stream.Stream.of(pdf, sso).sorted().toList()));
    }

    static String checkout(UUID licenseId, String query) {
        return "/api/v1/licenses/" + licenseId + "/checkout" + query;
    }

    private static JsonNode verifiedByJava(String file, LicenseFileFormat.Machine machine) throws Exception {
        Map<String, PublicKey> keys = Ed25519Keys.parseJwks(given().get("/.well-known/license-keys.json").asString());
        LicenseFileVerifier.Outcome outcome = LicenseFileVerifier.verify(file.getBytes(StandardCharsets.US_ASCII), keys, machine, Instant.now());
        assertThat(outcome.refusal()).isNull();
        return outcome.fields();
    }

    private static PythonVerifier.Result verifiedByPython(String file, String... options) throws Exception {
        Path dir = Files.createTempDirectory("license-file");
        Path lic = Files.writeString(dir.resolve("license.lic"), file);
        Path keys = Files.writeString(dir.resolve("keys.json"), given().get("/.well-known/license-keys.json").asString());
        String[] args = new String[options.length + 3];
        args[0] = lic.toString();
        args[1] = "--keys";
        args[2] = keys.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        return PythonVerifier.run(args);
    }

    private static void patch(String adminToken, UUID licenseId, String status) {
        String etag = given().auth().oauth2(adminToken).get("/api/v1/licenses/" + licenseId).then().statusCode(200)
                .extract().header("ETag");
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("status", status)).patch("/api/v1/licenses/" + licenseId).then().statusCode(200);
    }
}
