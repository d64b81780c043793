package io.hybridlicense.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment files (Dockerfiles, deploy/compose.yaml, deploy/kubernetes) parse, probe the health
 * endpoints, set only variables the application reads and provide every secret production needs.
 * Each rule is also shown to fail on a deliberately broken copy. No Quarkus start needed.
 */
class DeploymentManifestsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path DEPLOY = ROOT.resolve("deploy");

    @TempDir
    static Path generatedSecrets;
    private static Set<String> known;

    @BeforeAll
    static void generateTheComposeSecrets() throws IOException, InterruptedException {
        known = DeploymentChecks.variablesTheAppReads(ROOT);
        // The very program compose's "secrets" service runs, by the JDK's single-file launch
        Process generator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                DEPLOY.resolve("GenerateSecrets.java").toString(), generatedSecrets.toString())
                .redirectErrorStream(true).start();
        assertThat(generator.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(generator.exitValue()).as(new String(generator.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void variablesTheAppReads_comeFromApplicationPropertiesAndTheReadme() {
        assertThat(known).contains("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_PASSWORD",
                "QUARKUS_FLYWAY_PASSWORD", "HL_SCHEMASYNC_CREDENTIALS_KEY", "HL_AUTH_PASSWORD_ITERATIONS",
                "HL_SCHEMASYNC_ATTEMPT_TIMEOUT", "MP_JWT_VERIFY_AUDIENCES")
                .doesNotContain("QUARKUS_DATASOURCE_JDBC_ULR");
    }

    @Test
    void compose_hasPostgresTwoReplicasAndALoadBalancer_andEverySecretFromFiles() {
        assertThat(checkCompose(compose -> { })).isEmpty();
    }

    @Test
    void compose_failsOnAMisspelledVariable() {
        assertThat(checkCompose(compose -> {
            Map<String, Object> environment = appEnvironment(compose);
            environment.put("QUARKUS_DATASOURCE_JDBC_ULR", environment.remove("QUARKUS_DATASOURCE_JDBC_URL"));
        })).containsExactlyInAnyOrder(
                "compose: app sets QUARKUS_DATASOURCE_JDBC_ULR, which the application does not read",
                "compose: nothing provides QUARKUS_DATASOURCE_JDBC_URL");
    }

    @Test
    void compose_failsOnAnInlinePassword_aMissingKeyFile_andOneReplica() {
        assertThat(checkCompose(compose -> {
            appEnvironment(compose).put("QUARKUS_DATASOURCE_PASSWORD", "secret");
            appEnvironment(compose).put("SMALLRYE_JWT_SIGN_KEY_LOCATION", "/secrets/sign-key.pem");
            DeploymentChecks.map(DeploymentChecks.map(DeploymentChecks.map(compose.get("services")).get("app"))
                    .get("deploy")).put("replicas", 1);
        })).containsExactlyInAnyOrder(
                "compose: QUARKUS_DATASOURCE_PASSWORD is written inline, not read from a secret file",
                "compose: SMALLRYE_JWT_SIGN_KEY_LOCATION names /secrets/sign-key.pem, no generated key file on a mounted volume",
                "compose: app has 1 replica(s), not two");
    }

    @Test
    void kubernetes_probesResourcesSecretsAndSecurity() {
        assertThat(checkKubernetes(documents -> { })).isEmpty();
    }

    @Test
    void kubernetes_failsOnAMisspelledVariable_aWrongProbe_anInlineSecret_andAMissingSecretKey() {
        assertThat(checkKubernetes(documents -> {
            Map<String, Object> container = container(documents);
            List<Object> env = DeploymentChecks.list(container.get("env"));
            env.add(Map.of("name", "HL_SCHEMASYNC_CREDENTIAL_KEY", "value", "x"));
            env.removeIf(entry -> DeploymentChecks.map(entry).get("name").equals("HL_SCHEMASYNC_CREDENTIALS_KEY"));
            env.replaceAll(entry -> DeploymentChecks.map(entry).get("name").equals("QUARKUS_FLYWAY_PASSWORD")
                    ? Map.of("name", "QUARKUS_FLYWAY_PASSWORD", "value", "secret") : entry);
            env.replaceAll(entry -> DeploymentChecks.map(entry).get("name").equals("QUARKUS_DATASOURCE_PASSWORD")
                    ? Map.of("name", "QUARKUS_DATASOURCE_PASSWORD", "valueFrom", Map.of("secretKeyRef",
                            Map.of("name", "hybrid-license-credentials", "key", "app-pasword")))
                    : entry);
            DeploymentChecks.map(DeploymentChecks.map(container.get("readinessProbe")).get("httpGet"))
                    .put("path", "/q/health/live");
        })).containsExactlyInAnyOrder(
                "kubernetes: the Deployment sets HL_SCHEMASYNC_CREDENTIAL_KEY, which the application does not read",
                "kubernetes: nothing provides HL_SCHEMASYNC_CREDENTIALS_KEY",
                "kubernetes: QUARKUS_FLYWAY_PASSWORD is written in the manifest, not taken from a Secret",
                "kubernetes: QUARKUS_DATASOURCE_PASSWORD refers to hybrid-license-credentials/app-pasword, which no Secret holds",
                "kubernetes: readinessProbe probes /q/health/live, not /q/health/ready");
    }

    @Test
    void kubernetes_failsOnAMemoryLimitTooSmallForTheHeapShare_andOnRoot() {
        assertThat(checkKubernetes(documents -> {
            Map<String, Object> container = container(documents);
            DeploymentChecks.map(DeploymentChecks.map(container.get("resources")).get("limits")).put("memory", "320Mi");
            DeploymentChecks.map(DeploymentChecks.map(DeploymentChecks.map(DeploymentChecks.map(
                    deployment(documents).get("spec")).get("template")).get("spec")).get("securityContext"))
                    .put("runAsNonRoot", false);
        })).containsExactlyInAnyOrder(
                "kubernetes: a 320 MiB limit leaves no room for 256 MiB non-heap beside a 25 % heap",
                "kubernetes: the pod does not run as non-root");
    }

    @Test
    void dockerfiles_shareLabelsUserAndHealthCheck_andLabelThePomVersion() {
        String jvm = DeploymentChecks.read(ROOT.resolve("Dockerfile.jvm"));
        String nativeImage = DeploymentChecks.read(ROOT.resolve("Dockerfile.native"));
        assertThat(DeploymentChecks.runtimeContract(jvm)).isEqualTo(DeploymentChecks.runtimeContract(nativeImage))
                .contains("USER 1001", "EXPOSE 8080")
                .anyMatch(line -> line.startsWith("org.opencontainers.image.licenses="));
        assertThat(DeploymentChecks.dockerfileHealthCheck(jvm)).contains(DeploymentChecks.LIVENESS);
        String pom = DeploymentChecks.read(ROOT.resolve("pom.xml"));
        String version = pom.substring(pom.indexOf("<version>", pom.indexOf("<artifactId>hybrid-license")) + 9);
        assertThat(jvm).contains("ARG VERSION=" + version.substring(0, version.indexOf('<')));
    }

    private static List<String> checkCompose(Consumer<Map<String, Object>> change) {
        Map<String, Object> compose = DeploymentChecks.yaml().load(DeploymentChecks.read(DEPLOY.resolve("compose.yaml")));
        change.accept(compose);
        return DeploymentChecks.checkCompose(compose, DEPLOY, generatedSecrets, known);
    }

    private static List<String> checkKubernetes(Consumer<List<Map<String, Object>>> change) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("kubernetes"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object document : DeploymentChecks.yaml().loadAll(DeploymentChecks.read(file))) {
                    Map<String, Object> manifest = DeploymentChecks.map(document);
                    if (!"Kustomization".equals(manifest.get("kind"))) {
                        assertThat(manifest).as(file + " holds a Kubernetes object").containsKeys("apiVersion", "kind", "metadata");
                    }
                    documents.add(manifest);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        change.accept(documents);
        int heapPercent = DeploymentChecks.heapPercent(DeploymentChecks.read(ROOT.resolve("Dockerfile.jvm")));
        return DeploymentChecks.checkKubernetes(documents, heapPercent, known);
    }

    private static Map<String, Object> appEnvironment(Map<String, Object> compose) {
        return DeploymentChecks.map(DeploymentChecks.map(DeploymentChecks.map(compose.get("services")).get("app"))
                .get("environment"));
    }

    private static Map<String, Object> deployment(List<Map<String, Object>> documents) {
        return documents.stream().filter(document -> "Deployment".equals(document.get("kind"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> container(List<Map<String, Object>> documents) {
        return DeploymentChecks.map(DeploymentChecks.list(DeploymentChecks.map(DeploymentChecks.map(DeploymentChecks.map(
                deployment(documents).get("spec")).get("template")).get("spec")).get("containers")).get(0));
    }
}
