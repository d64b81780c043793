package io.hybridlicense.license.offline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hybridlicense.testing.LoopbackClient;
import io.hybridlicense.testing.PackagedAppEnvironment;
import io.hybridlicense.testing.SecondServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * License files against the packaged application (jar, or the native binary with {@code -Dnative}): the
 * package's {@code verify-license-file} command, run as a process of its own (no server, no database), on
 * the committed vectors and on a file the running package checked out, which the Python verifier also accepts.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppEnvironment.class)
class LicenseFileIT {

    private static final Path VECTORS = Path.of("src/test/resources/license-files");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void theCommandAcceptsAValidVector_andRefusesATamperedOneInOneLine() throws Exception {
        SecondServer.Exited valid = SecondServer.runCommand(COMMAND_TIMEOUT, "verify-license-file",
                VECTORS.resolve("valid-plain.lic").toString(), "--keys", VECTORS.resolve("keys.json").toString());
        SecondServer.Exited tampered = SecondServer.runCommand(COMMAND_TIMEOUT, "verify-license-file",
                VECTORS.resolve("tampered.lic").toString(), "--keys", VECTORS.resolve("keys.json").toString());

        assertThat(valid.status()).as(valid.log()).isZero();
        assertThat(new ObjectMapper().readTree(valid.log()).get("clientId").asText()).isEqualTo("machine-0001");
        assertThat(tampered.status()).isEqualTo(1);
        assertThat(tampered.log()).startsWith("refused: bad-signature: ").hasLineCount(1);
    }

    @Test
    void aFileCheckedOutFromThePackage_isVerifiedByItsCommand_andByPython() throws Exception {
        String email = "it-files-" + UUID.randomUUID() + "@example.test";
        String password = "packaged app password";
        // registrations from 127.0.0.1 are counted for all the ITs together: this one comes from another address
        LoopbackClient.Answer registered = LoopbackClient.from("127.0.0.7").postJson(RestAssured.port, "/api/v1/auth/register",
                new ObjectMapper().writeValueAsString(Map.of("email", email, "password", password)), Map.of());
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String clientId = "it-machine-" + UUID.randomUUID();
        Response activation = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "clientId", clientId)).post("/api/v1/licenses/activate");
        activation.then().statusCode(201);
        String secret = activation.path("fileSecret");

        String file = given().auth().oauth2(activation.path("token").toString())
                .post("/api/v1/licenses/" + activation.path("licenseId") + "/checkout?ttl=P1D&encrypt=true")
                .then().statusCode(200).extract().asString();
        Path dir = Files.createTempDirectory(Path.of("target"), "it-license-file");
        Path lic = Files.writeString(dir.resolve("license.lic"), file);
        Path keys = Files.writeString(dir.resolve("keys.json"), given().get("/.well-known/license-keys.json").asString());

        SecondServer.Exited verified = SecondServer.runCommand(COMMAND_TIMEOUT, "verify-license-file", lic.toString(),
                "--keys", keys.toString(), "--client-id", clientId, "--secret", secret);
        assertThat(verified.status()).as(verified.log()).isZero();
        assertThat(new ObjectMapper().readTree(verified.log()).get("licenseId").asText()).isEqualTo(activation.path("licenseId"));
        SecondServer.Exited elsewhere = SecondServer.runCommand(COMMAND_TIMEOUT, "verify-license-file", lic.toString(),
                "--keys", keys.toString(), "--client-id", "another-machine", "--secret", secret);
        assertThat(elsewhere.status()).isEqualTo(1);
        assertThat(elsewhere.log()).startsWith("refused: wrong-machine: ");
        PythonVerifier.Result python = PythonVerifier.run(lic.toString(), "--keys", keys.toString(), "--client-id", clientId,
                "--secret", secret);
        assertThat(python.exitCode()).as(python.stderr()).isZero();
    }
}
