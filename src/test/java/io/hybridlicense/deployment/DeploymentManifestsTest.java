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
 * endpoints on the management port, set only variables the application reads, provide every secret
 * production needs, migrate in a step of their own that alone holds the owner's credentials, trust only
 * the proxy's forwarded headers, pin their base images by digest, and point the app at the database
 * cluster's read-write service. Each rule is also shown to fail on a deliberately broken copy. No Quarkus
 * start needed; DeploymentIT runs the packaged app the same way.
 */
class DeploymentManifestsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path DEPLOY = ROOT.resolve("deploy");

    @TempDir
    static Path generated;
    private static Map<String, Path> generatedVolumes;
    private static Set<String> known;

    @BeforeAll
    static void generateTheComposeSecrets() throws IOException, InterruptedException {
        known = DeploymentChecks.variablesTheAppReads(ROOT);
        // The very program compose's "secrets" service runs, by the JDK's single-file launch
        generatedVolumes = Map.of("secrets", generated.resolve("secrets"), "owner-secrets", generated.resolve("owner-secrets"));
        Process generator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                DEPLOY.resolve("GenerateSecrets.java").toString(), generatedVolumes.get("secrets").toString(),
                generatedVolumes.get("owner-secrets").toString())
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
            DeploymentChecks.list(container(documents, "Job").get("env")).replaceAll(entry ->
                    DeploymentChecks.map(entry).get("name").equals("QUARKUS_FLYWAY_PASSWORD")
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
                .contains("USER 1001", "EXPOSE 8080 9000")
                .anyMatch(line -> line.startsWith("org.opencontainers.image.licenses="));
        assertThat(DeploymentChecks.dockerfileHealthCheck(jvm)).contains(DeploymentChecks.LIVENESS);
        String pom = DeploymentChecks.read(ROOT.resolve("pom.xml"));
        String version = pom.substring(pom.indexOf("<version>", pom.indexOf("<artifactId>hybrid-license")) + 9);
        assertThat(jvm).contains("ARG VERSION=" + version.substring(0, version.indexOf('<')));
    }

    @Test
    void dockerfiles_pinTheirBaseImagesByDigest_ignoreNoFailure_andServeHealthOnTheManagementPort() {
        for (String name : List.of("Dockerfile.jvm", "Dockerfile.native")) {
            assertThat(DeploymentChecks.checkDockerfile(name, DeploymentChecks.read(ROOT.resolve(name)))).as(name).isEmpty();
        }
        String broken = DeploymentChecks.read(ROOT.resolve("Dockerfile.jvm"))
                .replaceFirst("eclipse-temurin:17-jre@sha256:[0-9a-f]{64}", "eclipse-temurin:17-jre")
                .replace("quarkus:go-offline -Dmode=test", "dependency:go-offline || true")
                .replace(" -Dquarkus.management.enabled=true", "")
                .replace("${QUARKUS_MANAGEMENT_PORT:-9000}", "${QUARKUS_HTTP_PORT:-8080}");
        assertThat(DeploymentChecks.checkDockerfile("Dockerfile.jvm", broken)).containsExactlyInAnyOrder(
                "Dockerfile.jvm: FROM eclipse-temurin:17-jre is not pinned by digest",
                "Dockerfile.jvm: RUN ./mvnw -B -q dependency:go-offline || true ignores its failure",
                "Dockerfile.jvm: the package is not built with -Dquarkus.management.enabled=true",
                "Dockerfile.jvm: the HEALTHCHECK does not ask the management port 9000");
    }

    @Test
    void compose_failsWhenTheServingAppHoldsTheOwnerOrMigrates_andWithoutTheMigrationStepOrTrustedProxies() {
        assertThat(checkCompose(compose -> {
            Map<String, Object> app = appEnvironment(compose);
            app.put("QUARKUS_FLYWAY_USERNAME", "hl_owner");
            app.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
            app.remove("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES");
            DeploymentChecks.map(service(compose, "app").get("depends_on")).remove("migrate");
            DeploymentChecks.map(service(compose, "migrate").get("environment")).remove("QUARKUS_FLYWAY_MIGRATE_AT_START");
        })).containsExactlyInAnyOrder(
                "compose: app does not set QUARKUS_FLYWAY_MIGRATE_AT_START=false",
                "compose: app does not name its trusted proxies (QUARKUS_HTTP_PROXY_TRUSTED_PROXIES)",
                "compose: app holds QUARKUS_FLYWAY_USERNAME, which only the migration step may",
                "compose: the migration step does not set QUARKUS_FLYWAY_MIGRATE_AT_START=true",
                "compose: app does not wait for migrate to complete successfully");
        assertThat(checkCompose(compose -> {
            appEnvironment(compose).put("QUARKUS_CONFIG_LOCATIONS", "file:/secrets/secrets.properties,file:/owner-secrets/owner.properties");
            DeploymentChecks.list(service(compose, "app").get("volumes")).add("owner-secrets:/owner-secrets:ro");
            service(compose, "postgres").put("image", "postgres:17");
        })).containsExactlyInAnyOrder(
                "compose: app holds QUARKUS_FLYWAY_PASSWORD, which only the migration step may",
                "compose: postgres's image postgres:17 is not pinned by digest");
    }

    @Test
    void kubernetes_failsWhenTheServingPodsHoldTheOwner_probeOrExposeThePublicPort_orMissTheRwService() {
        assertThat(checkKubernetes(documents -> {
            Map<String, Object> container = container(documents);
            env(container).add(Map.of("name", "QUARKUS_FLYWAY_PASSWORD", "valueFrom",
                    Map.of("secretKeyRef", Map.of("name", "hybrid-license-db-owner", "key", "password"))));
            env(container).removeIf(entry -> DeploymentChecks.map(entry).get("name").equals("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES"));
            env(container).replaceAll(entry -> DeploymentChecks.map(entry).get("name").equals("QUARKUS_DATASOURCE_JDBC_URL")
                    ? Map.of("name", "QUARKUS_DATASOURCE_JDBC_URL", "value", "jdbc:postgresql://hybrid-license-db-r:5432/hybrid_license")
                    : entry);
            DeploymentChecks.map(DeploymentChecks.map(container.get("livenessProbe")).get("httpGet")).put("port", "http");
            DeploymentChecks.map(DeploymentChecks.list(DeploymentChecks.map(document(documents, "Service").get("spec"))
                    .get("ports")).get(0)).put("targetPort", "management");
            DeploymentChecks.map(document(documents, "Cluster").get("spec")).put("instances", 1);
            env(container(documents, "Job")).removeIf(entry -> DeploymentChecks.map(entry).get("name").equals("QUARKUS_INIT_AND_EXIT"));
        })).containsExactlyInAnyOrder(
                "kubernetes: the Deployment holds QUARKUS_FLYWAY_PASSWORD, which only the migration Job may",
                "kubernetes: the Deployment does not name its trusted proxies (QUARKUS_HTTP_PROXY_TRUSTED_PROXIES)",
                "kubernetes: the Deployment's database is jdbc:postgresql://hybrid-license-db-r:5432/hybrid_license, "
                        + "not the cluster's read-write service hybrid-license-db-rw",
                "kubernetes: the migration Job migrates jdbc:postgresql://hybrid-license-db-rw:5432/hybrid_license, "
                        + "not the Deployment's database",
                "kubernetes: livenessProbe probes port 8080, not the management port 9000",
                "kubernetes: the Service exposes port 9000, not only 8080",
                "kubernetes: the database cluster has 1 instance(s), not three",
                "kubernetes: the migration Job does not set QUARKUS_INIT_AND_EXIT=true");
    }

    private static List<String> checkCompose(Consumer<Map<String, Object>> change) {
        Map<String, Object> compose = DeploymentChecks.yaml().load(DeploymentChecks.read(DEPLOY.resolve("compose.yaml")));
        change.accept(compose);
        return DeploymentChecks.checkCompose(compose, DEPLOY, generatedVolumes, known);
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
        return document(documents, "Deployment");
    }

    private static Map<String, Object> document(List<Map<String, Object>> documents, String kind) {
        return documents.stream().filter(document -> kind.equals(document.get("kind"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> container(List<Map<String, Object>> documents) {
        return container(documents, "Deployment");
    }

    private static Map<String, Object> container(List<Map<String, Object>> documents, String kind) {
        return DeploymentChecks.map(DeploymentChecks.list(DeploymentChecks.map(DeploymentChecks.map(DeploymentChecks.map(
                document(documents, kind).get("spec")).get("template")).get("spec")).get("containers")).get(0));
    }

    private static List<Object> env(Map<String, Object> container) {
        return DeploymentChecks.list(container.get("env"));
    }

    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        return DeploymentChecks.map(DeploymentChecks.map(compose.get("services")).get(name));
    }
}
