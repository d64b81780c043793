package io.hybridlicense.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The rules the deployment files must keep, each returning the problems it finds (empty: none), so that
 * a test can prove a rule on a deliberately broken copy as well as on the real files.
 */
final class DeploymentChecks {

    static final String LIVENESS = "/q/health/live";
    static final String READINESS = "/q/health/ready";

    /** What a serving production instance cannot run without (README "Production"), as environment variables. */
    static final Set<String> REQUIRED = Set.of(
            "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "SMALLRYE_JWT_SIGN_KEY_LOCATION",
            "HL_SCHEMASYNC_CREDENTIALS_KEY");

    /** What the migration step cannot run without: the owner's credentials and the runtime role's name. */
    static final Set<String> MIGRATION_REQUIRED = Set.of(
            "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_FLYWAY_USERNAME", "QUARKUS_FLYWAY_PASSWORD");

    /** The owner's credentials, which only the migration step may hold. */
    static final Set<String> OWNER = Set.of("QUARKUS_FLYWAY_USERNAME", "QUARKUS_FLYWAY_PASSWORD");

    /** Set so in the migration step (quarkus.init-and-exit: migrate, then exit 0). */
    static final Map<String, String> MIGRATION_STEP = Map.of(
            "QUARKUS_INIT_AND_EXIT", "true", "QUARKUS_FLYWAY_MIGRATE_AT_START", "true");

    /** Set so in the serving instances: client addresses and scheme from the trusted proxy only, no migration. */
    static final Map<String, String> SERVING = Map.of(
            "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true", "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true",
            "QUARKUS_FLYWAY_MIGRATE_AT_START", "false");

    /** Names the proxies whose forwarded headers count; any value (a placeholder to adapt) but none. */
    static final String TRUSTED_PROXIES = "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES";

    /** Health, metrics and info: the management interface's port (the images enable it at build time). */
    static final int MANAGEMENT_PORT = 9000;
    static final int HTTP_PORT = 8080;

    /** Values that must come from a secret (a file or a Kubernetes Secret), never from the manifest. */
    static final Set<String> SECRET = Set.of(
            "QUARKUS_FLYWAY_PASSWORD", "QUARKUS_DATASOURCE_PASSWORD", "HL_SCHEMASYNC_CREDENTIALS_KEY",
            "HL_LICENSE_FILE_SECRETS_KEY");

    private static final Pattern DIGEST = Pattern.compile("@sha256:[0-9a-f]{64}\\b");

    /** Key files: the variable names the file's path. */
    static final Set<String> KEY_LOCATIONS = Set.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "SMALLRYE_JWT_SIGN_KEY_LOCATION",
            "HL_LICENSE_FILE_KEYS_LOCATION", "HL_LICENSE_FILE_SIGN_KEY_LOCATION");

    /** The non-heap memory of the JVM package, measured (~230 MiB, README "Deployment"), with a margin. */
    static final long NON_HEAP_MIB = 256;

    private DeploymentChecks() {
    }

    // --- what the application reads

    /**
     * Every variable the application reads: the keys of application.properties (any profile) and the
     * variables of the README configuration table, where {@code `A_B_C` / `_D`} also names {@code A_B_D}.
     */
    static Set<String> variablesTheAppReads(Path projectRoot) {
        Set<String> names = new TreeSet<>();
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(projectRoot.resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : properties.stringPropertyNames()) {
            names.add(environmentName(key.replaceFirst("^%[^.]+\\.", "")));
        }
        names.addAll(readmeConfigurationVariables(read(projectRoot.resolve("README.md"))));
        return names;
    }

    static Set<String> readmeConfigurationVariables(String readme) {
        String table = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("### Production"));
        Set<String> names = new TreeSet<>();
        Pattern token = Pattern.compile("`([A-Z_][A-Z0-9_]*)`");
        for (String line : table.lines().filter(line -> line.startsWith("| `")).toList()) {
            String firstCell = line.substring(1, line.indexOf('|', 1));
            Matcher matcher = token.matcher(firstCell);
            String full = null;
            while (matcher.find()) {
                String name = matcher.group(1);
                if (!name.startsWith("_")) {
                    full = name;
                    names.add(name);
                } else if (full != null) {
                    names.addAll(withSuffix(full, name));
                }
            }
        }
        return names;
    }

    // `A_B_C` / `_D_E`: the suffix replaces one or more trailing words of the full name
    private static List<String> withSuffix(String full, String suffix) {
        List<String> words = Arrays.asList(full.split("_"));
        List<String> names = new ArrayList<>();
        for (int replaced = 1; replaced < words.size() - 1 && replaced <= 2; replaced++) {
            names.add(String.join("_", words.subList(0, words.size() - replaced)) + suffix);
        }
        return names;
    }

    /** MicroProfile Config's environment form of a property name. */
    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    // --- Docker Compose

    /**
     * deploy/compose.yaml: PostgreSQL, a one-shot migration step (the app's image with
     * quarkus.init-and-exit) that the app waits for, at least two replicas of an image whose Dockerfile
     * probes the liveness endpoint, a load balancer whose configuration probes readiness on the
     * management port; the app sets only variables it reads, takes client addresses from the trusted
     * proxy, migrates nothing, every production variable is set or comes from the file named by
     * QUARKUS_CONFIG_LOCATIONS (whose keys are the ones the generated volumes hold), key files lie on a
     * mounted volume, no secret is written inline, and only the migration step holds the owner's
     * credentials. Every image is pinned by digest, or says in a comment why not.
     *
     * @param generatedVolumes what GenerateSecrets.java wrote, per named volume
     */
    static List<String> checkCompose(Map<String, Object> compose, Path deployDir, Map<String, Path> generatedVolumes,
                                     Set<String> known) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> services = map(compose.get("services"));
        Map<String, Object> app = null;
        String appName = null;
        Map<String, Object> migration = null;
        String migrationName = null;
        boolean postgres = false;
        Map<String, Object> loadBalancer = null;
        for (var service : services.entrySet()) {
            Map<String, Object> definition = map(service.getValue());
            String image = String.valueOf(definition.getOrDefault("image", ""));
            boolean oneShot = "true".equals(String.valueOf(map(definition.get("environment")).get("QUARKUS_INIT_AND_EXIT")));
            if (oneShot) {
                migration = definition;
                migrationName = service.getKey();
            } else if (definition.containsKey("build")) {
                app = definition;
                appName = service.getKey();
            }
            postgres |= image.startsWith("postgres:");
            if (image.startsWith("haproxy:") || image.startsWith("nginx:")) {
                loadBalancer = definition;
            }
        }
        if (!postgres) {
            problems.add("compose: no PostgreSQL service");
        }
        if (app == null) {
            problems.add("compose: no service builds the app");
            return problems;
        }
        int replicas = ((Number) map(app.get("deploy")).getOrDefault("replicas", 1)).intValue();
        if (replicas < 2) {
            problems.add("compose: app has " + replicas + " replica(s), not two");
        }
        String dockerfile = String.valueOf(map(app.get("build")).get("dockerfile"));
        Path context = deployDir.resolve(String.valueOf(map(app.get("build")).get("context"))).normalize();
        String healthCheck = dockerfileHealthCheck(read(context.resolve(dockerfile)));
        if (!healthCheck.contains(LIVENESS) || !healthCheck.contains(":-" + MANAGEMENT_PORT)) {
            problems.add("compose: " + dockerfile + " has no HEALTHCHECK on " + LIVENESS + " at port " + MANAGEMENT_PORT);
        }
        if (loadBalancer == null) {
            problems.add("compose: no load balancer (haproxy or nginx)");
        } else {
            String config = list(loadBalancer.get("volumes")).stream().map(String::valueOf)
                    .filter(volume -> volume.startsWith("./"))
                    .map(volume -> read(deployDir.resolve(volume.substring(2, volume.indexOf(':')))))
                    .collect(Collectors.joining("\n"));
            if (!config.contains(READINESS) || !config.contains(appName + ":" + HTTP_PORT)
                    || !config.contains("check port " + MANAGEMENT_PORT)) {
                problems.add("compose: the load balancer does not check " + READINESS + " on " + appName
                        + "'s management port " + MANAGEMENT_PORT);
            }
            if (!map(loadBalancer.get("depends_on")).containsKey(appName)) {
                problems.add("compose: the load balancer does not wait for " + appName);
            }
        }
        for (var service : services.entrySet()) {
            String image = String.valueOf(map(service.getValue()).getOrDefault("image", ""));
            if (!map(service.getValue()).containsKey("build") && !DIGEST.matcher(image).find()
                    && !read(deployDir.resolve("compose.yaml")).contains("no published digest of " + image)) {
                problems.add("compose: " + service.getKey() + "'s image " + image + " is not pinned by digest");
            }
        }

        Set<String> provided = provided(app, "app", generatedVolumes, known, problems);
        missing(provided, "compose: ", problems);
        Map<String, Object> appEnvironment = map(app.get("environment"));
        SERVING.forEach((name, value) -> {
            if (!value.equals(String.valueOf(appEnvironment.get(name)))) {
                problems.add("compose: app does not set " + name + "=" + value);
            }
        });
        if (!provided.contains(TRUSTED_PROXIES)) {
            problems.add("compose: app does not name its trusted proxies (" + TRUSTED_PROXIES + ")");
        }
        provided.stream().filter(OWNER::contains).sorted()
                .forEach(name -> problems.add("compose: app holds " + name + ", which only the migration step may"));

        if (migration == null) {
            problems.add("compose: no migration step (a service with QUARKUS_INIT_AND_EXIT=true)");
            return problems;
        }
        Set<String> migrationProvided = provided(migration, migrationName, generatedVolumes, known, problems);
        MIGRATION_REQUIRED.stream().filter(name -> !migrationProvided.contains(name)).sorted()
                .forEach(name -> problems.add("compose: " + "nothing provides " + name + " to the migration step"));
        Map<String, Object> migrationEnvironment = map(migration.get("environment"));
        MIGRATION_STEP.forEach((name, value) -> {
            if (!value.equals(String.valueOf(migrationEnvironment.get(name)))) {
                problems.add("compose: the migration step does not set " + name + "=" + value);
            }
        });
        if (!String.valueOf(migration.get("image")).equals(String.valueOf(app.get("image")))) {
            problems.add("compose: the migration step does not run the app's image");
        }
        if (!"service_completed_successfully".equals(map(map(app.get("depends_on")).get(migrationName)).get("condition"))) {
            problems.add("compose: app does not wait for " + migrationName + " to complete successfully");
        }
        return problems;
    }

    /**
     * The variables a service gets: its environment and the keys of the files QUARKUS_CONFIG_LOCATIONS
     * names (which must lie on a mounted volume that GenerateSecrets fills), checked against what the
     * application reads; key files must lie on such a volume, and no secret may be written inline.
     */
    private static Set<String> provided(Map<String, Object> service, String name, Map<String, Path> generatedVolumes,
                                        Set<String> known, List<String> problems) {
        Map<String, String> environment = new LinkedHashMap<>();
        map(service.get("environment")).forEach((variable, value) -> environment.put(variable, String.valueOf(value)));
        unknown(environment.keySet(), known, "compose: " + name + " sets ", problems);
        inline(environment.keySet(), "compose: ", problems);

        Set<String> provided = new TreeSet<>(environment.keySet());
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (Object volume : list(service.get("volumes"))) {
            String[] parts = String.valueOf(volume).split(":");
            if (generatedVolumes.containsKey(parts[0])) {
                mounts.put(parts[1], generatedVolumes.get(parts[0]));
            }
        }
        Optional.ofNullable(environment.get("QUARKUS_CONFIG_LOCATIONS")).ifPresent(locations -> {
            for (String location : locations.split(",")) {
                Path file = Path.of(location.strip().replaceFirst("^file:", ""));
                Optional<Path> generated = generatedFile(file, mounts);
                if (generated.isEmpty()) {
                    problems.add("compose: " + location + " is no generated secrets file on a mounted volume");
                    continue;
                }
                Set<String> keys = loadProperties(generated.get()).stringPropertyNames()
                        .stream().map(DeploymentChecks::environmentName).collect(Collectors.toSet());
                unknown(keys, known, "compose: " + file.getFileName() + " sets ", problems);
                provided.addAll(keys);
            }
        });
        for (String location : KEY_LOCATIONS) {
            Optional.ofNullable(environment.get(location)).map(Path::of)
                    .filter(file -> generatedFile(file, mounts).isEmpty())
                    .ifPresent(file -> problems.add("compose: " + location + " names " + file
                            + ", no generated key file on a mounted volume"));
        }
        return provided;
    }

    private static Optional<Path> generatedFile(Path file, Map<String, Path> mounts) {
        return mounts.entrySet().stream().filter(mount -> file.startsWith(mount.getKey()))
                .map(mount -> mount.getValue().resolve(Path.of(mount.getKey()).relativize(file)))
                .filter(Files::exists).findFirst();
    }

    // --- Kubernetes

    /**
     * deploy/kubernetes: a Deployment whose probes name the health endpoints on the management port,
     * whose memory limit leaves the JVM's non-heap memory beside the image's heap share, that runs as
     * non-root on a read-only root file system; a Service (exposing the public port only) and a
     * PodDisruptionBudget selecting its pods; its variables are ones the app reads, secrets come from
     * Secrets (keys that exist), key files from a mounted Secret; it takes client addresses from the
     * trusted proxies, migrates nothing and holds no owner credential: a migration Job (the same image,
     * quarkus.init-and-exit) does, on the same database, which is the read-write service of a
     * CloudNativePG Cluster of at least three instances.
     */
    static List<String> checkKubernetes(List<Map<String, Object>> documents, int heapPercent, Set<String> known) {
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        Map<String, Object> deployment = null;
        Map<String, Object> job = null;
        Map<String, Object> cluster = null;
        Set<String> kinds = new TreeSet<>();
        for (Map<String, Object> document : documents) {
            String kind = String.valueOf(document.get("kind"));
            kinds.add(kind);
            if (kind.equals("Secret")) {
                Map<String, Object> data = new LinkedHashMap<>(map(document.get("stringData")));
                data.putAll(map(document.get("data")));
                secrets.put(String.valueOf(map(document.get("metadata")).get("name")), data.keySet());
            } else if (kind.equals("Deployment")) {
                deployment = document;
            } else if (kind.equals("Job")) {
                job = document;
            } else if (kind.equals("Cluster") && String.valueOf(document.get("apiVersion")).startsWith("postgresql.cnpg.io/")) {
                cluster = document;
            }
        }
        for (String kind : List.of("Deployment", "Job", "Service", "PodDisruptionBudget", "Secret", "Cluster")) {
            if (!kinds.contains(kind)) {
                problems.add("kubernetes: no " + kind);
            }
        }
        if (deployment == null) {
            return problems;
        }
        Map<String, Object> podTemplate = map(map(deployment.get("spec")).get("template"));
        Map<String, Object> podLabels = map(map(podTemplate.get("metadata")).get("labels"));
        Map<String, Object> podSpec = map(podTemplate.get("spec"));
        Map<String, Object> container = map(list(podSpec.get("containers")).get(0));
        for (Map<String, Object> document : documents) {
            String kind = String.valueOf(document.get("kind"));
            Map<String, Object> spec = map(document.get("spec"));
            Map<String, Object> selector = kind.equals("Service") ? map(spec.get("selector"))
                    : kind.equals("PodDisruptionBudget") ? map(map(spec.get("selector")).get("matchLabels")) : null;
            if (selector != null && (selector.isEmpty() || !podLabels.entrySet().containsAll(selector.entrySet()))) {
                problems.add("kubernetes: the " + kind + " does not select the Deployment's pods");
            }
            if (kind.equals("Service")) {
                for (Object port : list(spec.get("ports"))) {
                    int target = containerPort(container, map(port).getOrDefault("targetPort", map(port).get("port")));
                    if (target != HTTP_PORT) {
                        problems.add("kubernetes: the Service exposes port " + target + ", not only " + HTTP_PORT);
                    }
                }
            }
        }

        probe(container, "livenessProbe", LIVENESS, problems);
        probe(container, "readinessProbe", READINESS, problems);
        Object scrapePort = map(map(podTemplate.get("metadata")).get("annotations")).get("prometheus.io/port");
        if (scrapePort != null && !String.valueOf(MANAGEMENT_PORT).equals(String.valueOf(scrapePort))) {
            problems.add("kubernetes: Prometheus scrapes port " + scrapePort + ", not the management port " + MANAGEMENT_PORT);
        }

        Map<String, Object> resources = map(container.get("resources"));
        long limit = mebibytes(map(resources.get("limits")).get("memory"));
        if (map(resources.get("requests")).get("memory") == null || limit == 0) {
            problems.add("kubernetes: memory request and limit must both be set");
        } else if (limit * heapPercent / 100 + NON_HEAP_MIB > limit) {
            problems.add("kubernetes: a " + limit + " MiB limit leaves no room for " + NON_HEAP_MIB
                    + " MiB non-heap beside a " + heapPercent + " % heap");
        }
        if (!Boolean.TRUE.equals(map(podSpec.get("securityContext")).get("runAsNonRoot"))) {
            problems.add("kubernetes: the pod does not run as non-root");
        }
        if (!Boolean.TRUE.equals(map(container.get("securityContext")).get("readOnlyRootFilesystem"))) {
            problems.add("kubernetes: the root file system is not read-only");
        }

        Map<String, String> environment = environment(podSpec, container, secrets, "the Deployment", problems);
        unknown(environment.keySet(), known, "kubernetes: the Deployment sets ", problems);
        missing(environment.keySet(), "kubernetes: ", problems);
        SERVING.forEach((name, value) -> {
            if (!value.equals(environment.get(name))) {
                problems.add("kubernetes: the Deployment does not set " + name + "=" + value);
            }
        });
        if (!environment.containsKey(TRUSTED_PROXIES)) {
            problems.add("kubernetes: the Deployment does not name its trusted proxies (" + TRUSTED_PROXIES + ")");
        }
        environment.keySet().stream().filter(OWNER::contains).sorted()
                .forEach(name -> problems.add("kubernetes: the Deployment holds " + name + ", which only the migration Job may"));

        String jdbcUrl = environment.get("QUARKUS_DATASOURCE_JDBC_URL");
        if (cluster != null) {
            String readWrite = map(cluster.get("metadata")).get("name") + "-rw";
            if (jdbcUrl == null || !jdbcUrl.matches("jdbc:postgresql://" + Pattern.quote(readWrite) + "(\\.[^:/]+)?(:\\d+)?/.*")) {
                problems.add("kubernetes: the Deployment's database is " + jdbcUrl + ", not the cluster's read-write service "
                        + readWrite);
            }
            Object instances = map(cluster.get("spec")).get("instances");
            if (!(instances instanceof Number number) || number.intValue() < 3) {
                problems.add("kubernetes: the database cluster has " + instances + " instance(s), not three");
            }
        }
        if (job != null) {
            checkMigrationJob(job, container, jdbcUrl, secrets, known, problems);
        }
        return problems;
    }

    private static void checkMigrationJob(Map<String, Object> job, Map<String, Object> servingContainer, String jdbcUrl,
                                          Map<String, Set<String>> secrets, Set<String> known, List<String> problems) {
        Map<String, Object> podSpec = map(map(map(job.get("spec")).get("template")).get("spec"));
        Map<String, Object> container = map(list(podSpec.get("containers")).get(0));
        Map<String, String> environment = environment(podSpec, container, secrets, "the migration Job", problems);
        unknown(environment.keySet(), known, "kubernetes: the migration Job sets ", problems);
        MIGRATION_REQUIRED.stream().filter(name -> !environment.containsKey(name)).sorted()
                .forEach(name -> problems.add("kubernetes: nothing provides " + name + " to the migration Job"));
        MIGRATION_STEP.forEach((name, value) -> {
            if (!value.equals(environment.get(name))) {
                problems.add("kubernetes: the migration Job does not set " + name + "=" + value);
            }
        });
        if (!String.valueOf(container.get("image")).equals(String.valueOf(servingContainer.get("image")))) {
            problems.add("kubernetes: the migration Job does not run the Deployment's image");
        }
        if (jdbcUrl != null && !jdbcUrl.equals(environment.get("QUARKUS_DATASOURCE_JDBC_URL"))) {
            problems.add("kubernetes: the migration Job migrates " + environment.get("QUARKUS_DATASOURCE_JDBC_URL")
                    + ", not the Deployment's database");
        }
    }

    /**
     * A container's variables, name to value (a Secret's as {@code secret:NAME/KEY}): secrets must come
     * from Secrets (keys that exist), key files from a mounted Secret.
     */
    private static Map<String, String> environment(Map<String, Object> podSpec, Map<String, Object> container,
                                                   Map<String, Set<String>> secrets, String owner, List<String> problems) {
        Map<String, String> secretVolumes = new LinkedHashMap<>();
        for (Object volume : list(podSpec.get("volumes"))) {
            Object secretName = map(map(volume).get("secret")).get("secretName");
            if (secretName != null) {
                secretVolumes.put(String.valueOf(map(volume).get("name")), String.valueOf(secretName));
            }
        }
        Map<String, String> secretMounts = new LinkedHashMap<>();
        for (Object mount : list(container.get("volumeMounts"))) {
            String secretName = secretVolumes.get(String.valueOf(map(mount).get("name")));
            if (secretName != null) {
                secretMounts.put(String.valueOf(map(mount).get("mountPath")), secretName);
            }
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (Object entry : list(container.get("env"))) {
            String name = String.valueOf(map(entry).get("name"));
            Map<String, Object> reference = map(map(map(entry).get("valueFrom")).get("secretKeyRef"));
            if (!reference.isEmpty()) {
                environment.put(name, "secret:" + reference.get("name") + "/" + reference.get("key"));
                Set<String> keys = secrets.get(String.valueOf(reference.get("name")));
                if (keys == null || !keys.contains(String.valueOf(reference.get("key")))) {
                    problems.add("kubernetes: " + name + " refers to " + reference.get("name") + "/"
                            + reference.get("key") + ", which no Secret holds");
                }
            } else {
                environment.put(name, String.valueOf(map(entry).get("value")));
                if (SECRET.contains(name)) {
                    problems.add("kubernetes: " + name + " is written in the manifest, not taken from a Secret");
                }
            }
            if (KEY_LOCATIONS.contains(name)) {
                Path file = Path.of(String.valueOf(map(entry).get("value")));
                String secret = secretMounts.get(String.valueOf(file.getParent()));
                if (secret == null || !secrets.getOrDefault(secret, Set.of()).contains(file.getFileName().toString())) {
                    problems.add("kubernetes: " + name + " names " + file + ", which no mounted Secret holds");
                }
            }
        }
        return environment;
    }

    /** A port of the container by name or number. */
    private static int containerPort(Map<String, Object> container, Object port) {
        if (port instanceof Number number) {
            return number.intValue();
        }
        return list(container.get("ports")).stream().map(DeploymentChecks::map)
                .filter(declared -> String.valueOf(port).equals(String.valueOf(declared.get("name"))))
                .map(declared -> ((Number) declared.get("containerPort")).intValue()).findFirst().orElse(-1);
    }

    private static void probe(Map<String, Object> container, String probe, String path, List<String> problems) {
        Map<String, Object> httpGet = map(map(container.get(probe)).get("httpGet"));
        Object actual = httpGet.get("path");
        if (!path.equals(actual)) {
            problems.add("kubernetes: " + probe + " probes " + actual + ", not " + path);
        }
        int port = containerPort(container, httpGet.get("port"));
        if (port != MANAGEMENT_PORT) {
            problems.add("kubernetes: " + probe + " probes port " + port + ", not the management port " + MANAGEMENT_PORT);
        }
    }

    private static long mebibytes(Object quantity) {
        if (quantity == null) {
            return 0;
        }
        String value = String.valueOf(quantity);
        return value.endsWith("Gi") ? Long.parseLong(value.replace("Gi", "")) * 1024
                : value.endsWith("Mi") ? Long.parseLong(value.replace("Mi", "")) : Long.parseLong(value) >> 20;
    }

    // --- Dockerfiles

    static String dockerfileHealthCheck(String dockerfile) {
        return dockerfile.lines().filter(line -> line.startsWith("HEALTHCHECK")).findFirst().orElse("");
    }

    /** The lines both runtime stages must share: labels, the user, the health check. */
    static List<String> runtimeContract(String dockerfile) {
        String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
        List<String> lines = new ArrayList<>();
        boolean inLabel = false;
        for (String line : runtime.lines().toList()) {
            inLabel = line.startsWith("LABEL") || (inLabel && line.startsWith(" "));
            if (inLabel || line.startsWith("ARG ") || line.startsWith("USER ") || line.startsWith("HEALTHCHECK")
                    || line.startsWith("EXPOSE ")) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    /**
     * A Dockerfile's build rules: every base image pinned by digest, no step whose failure is ignored
     * ({@code || true}), the package built with the management interface, the health check on its port.
     */
    static List<String> checkDockerfile(String name, String dockerfile) {
        List<String> problems = new ArrayList<>();
        dockerfile.lines().filter(line -> line.startsWith("FROM ") && !DIGEST.matcher(line).find())
                .forEach(line -> problems.add(name + ": " + line + " is not pinned by digest"));
        dockerfile.lines().filter(line -> line.startsWith("RUN ") && line.matches(".*\\|\\|\\s*true\\b.*"))
                .forEach(line -> problems.add(name + ": " + line + " ignores its failure"));
        if (dockerfile.lines().noneMatch(line -> line.startsWith("RUN ") && line.contains(" package")
                && line.contains("-Dquarkus.management.enabled=true"))) {
            problems.add(name + ": the package is not built with -Dquarkus.management.enabled=true");
        }
        if (!dockerfileHealthCheck(dockerfile).contains("${QUARKUS_MANAGEMENT_PORT:-" + MANAGEMENT_PORT + "}")) {
            problems.add(name + ": the HEALTHCHECK does not ask the management port " + MANAGEMENT_PORT);
        }
        return problems;
    }

    static int heapPercent(String dockerfile) {
        Matcher matcher = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(dockerfile);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 100;
    }

    // --- helpers

    private static void unknown(Set<String> names, Set<String> known, String prefix, List<String> problems) {
        names.stream().filter(name -> !known.contains(name))
                .forEach(name -> problems.add(prefix + name + ", which the application does not read"));
    }

    private static void inline(Set<String> names, String prefix, List<String> problems) {
        names.stream().filter(SECRET::contains)
                .forEach(name -> problems.add(prefix + name + " is written inline, not read from a secret file"));
    }

    private static void missing(Set<String> provided, String prefix, List<String> problems) {
        REQUIRED.stream().filter(name -> !provided.contains(name)).sorted()
                .forEach(name -> problems.add(prefix + "nothing provides " + name));
    }

    static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties loadProperties(Path file) {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
