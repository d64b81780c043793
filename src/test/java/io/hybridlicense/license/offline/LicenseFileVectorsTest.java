package io.hybridlicense.license.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hybridlicense.shared.Ed25519Keys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed vectors of docs/license-files.md: made by the generator, read alike by Java, the command and Python. */
class LicenseFileVectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCommittedVectorsAreWhatTheGeneratorMakes() throws Exception {
        for (Map.Entry<String, byte[]> file : LicenseFileVectors.generate().entrySet()) {
            assertThat(Files.readAllBytes(LicenseFileVectors.DIRECTORY.resolve(file.getKey())))
                    .as(file.getKey() + " (run LicenseFileVectors.main after a deliberate format change)")
                    .isEqualTo(file.getValue());
        }
    }

    @Test
    void theJavaVerifierGivesEachVectorItsExpectedOutcome() throws Exception {
        JsonNode manifest = manifest();
        Map<String, PublicKey> keys = Ed25519Keys.parseJwks(Files.readString(LicenseFileVectors.DIRECTORY.resolve("keys.json")));
        for (JsonNode vector : manifest.get("vectors")) {
            LicenseFileFormat.Machine machine = vector.has("secret")
                    ? new LicenseFileFormat.Machine(vector.get("clientId").asText(), vector.get("secret").asText()) : null;
            byte[] file = Files.readAllBytes(LicenseFileVectors.DIRECTORY.resolve(vector.get("file").asText()));
            LicenseFileVerifier.Outcome outcome = LicenseFileVerifier.verify(file, keys, machine, Instant.parse(manifest.get("now").asText()));
            String got = outcome.accepted() ? (vector.has("clientId") && !vector.has("secret")
                    && !vector.get("clientId").asText().equals(outcome.fields().get("clientId").asText()) ? "wrong-machine" : "valid")
                    : outcome.refusal().line().split(": ")[1];
            assertThat(got).as(vector.toString()).isEqualTo(vector.get("expect").asText());
        }
    }

    @Test
    void theCommandPrintsThePayloadOrOneLineOfRefusal_neverAStackTrace() throws Exception {
        JsonNode manifest = manifest();
        String keys = LicenseFileVectors.DIRECTORY.resolve("keys.json").toString();
        for (JsonNode vector : manifest.get("vectors")) {
            List<String> args = new ArrayList<>(List.of(VerifyLicenseFileCommand.NAME,
                    LicenseFileVectors.DIRECTORY.resolve(vector.get("file").asText()).toString(), "--keys", keys));
            if (vector.has("clientId")) {
                args.addAll(List.of("--client-id", vector.get("clientId").asText()));
            }
            if (vector.has("secret")) {
                args.addAll(List.of("--secret", vector.get("secret").asText()));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = VerifyLicenseFileCommand.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), Instant.parse(manifest.get("now").asText()), args.toArray(String[]::new));
            String expect = vector.get("expect").asText();
            if (expect.equals("valid")) {
                assertThat(exit).as(vector.toString() + err).isZero();
                assertThat(JSON.readTree(out.toString(StandardCharsets.UTF_8)).get("clientId").asText()).isEqualTo("machine-0001");
            } else {
                assertThat(exit).as(vector.toString()).isEqualTo(1);
                assertThat(out.size()).isZero();
                assertThat(err.toString(StandardCharsets.UTF_8)).as(vector.toString()).startsWith("refused: " + expect + ": ")
                        .hasLineCount(1).doesNotContain("Exception").doesNotContain("\tat ");
            }
        }
    }

    @Test
    void theCommandRefusesBadUsageAndUnreadableFilesInOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(VerifyLicenseFileCommand.run(out, errors, Instant.now(), VerifyLicenseFileCommand.NAME, "x.lic")).isEqualTo(2);
        assertThat(VerifyLicenseFileCommand.run(out, errors, Instant.now(), VerifyLicenseFileCommand.NAME, "missing.lic",
                "--keys", "missing.json")).isEqualTo(2);
        assertThat(VerifyLicenseFileCommand.run(out, errors, Instant.now(), VerifyLicenseFileCommand.NAME,
                LicenseFileVectors.DIRECTORY.resolve("valid-plain.lic").toString(), "--keys",
                LicenseFileVectors.DIRECTORY.resolve("valid-plain.lic").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).hasLineCount(3).doesNotContain("\tat ");
    }

    @Test
    void theIndependentPythonImplementationGivesEachVectorItsExpectedOutcome() {
        PythonVerifier.Result result = PythonVerifier.run("--manifest", LicenseFileVectors.DIRECTORY.resolve("vectors.json").toString());

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stdout().lines()).hasSize(manifest().get("vectors").size()).allMatch(line -> line.startsWith("ok "));
    }

    private static JsonNode manifest() {
        try {
            return JSON.readTree(LicenseFileVectors.DIRECTORY.resolve("vectors.json").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
