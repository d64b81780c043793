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

    /** What production cannot run without (README "Production"), as environment variables. */
    static final Set<String> REQUIRED = Set.of(
            "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_FLYWAY_USERNAME", "QUARKUS_FLYWAY_PASSWORD",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "SMALLRYE_JWT_SIGN_KEY_LOCATION",
            "HL_SCHEMASYNC_CREDENTIALS_KEY");

    /** Values that must come from a secret (a file or a Kubernetes Secret), never from the manifest. */
    static final Set<String> SECRET = Set.of(
            "QUARKUS_FLYWAY_PASSWORD", "QUARKUS_DATASOURCE_PASSWORD", "HL_SCHEMASYNC_CREDENTIALS_KEY");

    /** Key files: the variable names the file's path. */
    static final Set<String> KEY_LOCATIONS = Set.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "SMALLRYE_JWT_SIGN_KEY_LOCATION");

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
     * deploy/compose.yaml: PostgreSQL, at least two replicas of an image whose Dockerfile probes the
     * liveness endpoint, a load balancer whose configuration probes readiness; the app sets only
     * variables it reads, every production variable is set or comes from the file named by
     * QUARKUS_CONFIG_LOCATIONS (whose keys are the ones {@code generatedSecrets} holds), key files
     * lie on a mounted volume, and no secret is written inline.
     */
    static List<String> checkCompose(Map<String, Object> compose, Path deployDir, Path generatedSecrets,
                                     Set<String> known) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> services = map(compose.get("services"));
        Map<String, Object> app = null;
        String appName = null;
        boolean postgres = false;
        Map<String, Object> loadBalancer = null;
        for (var service : services.entrySet()) {
            Map<String, Object> definition = map(service.getValue());
            String image = String.valueOf(definition.getOrDefault("image", ""));
            if (definition.containsKey("build")) {
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
        if (!healthCheck.contains(LIVENESS)) {
            problems.add("compose: " + dockerfile + " has no HEALTHCHECK on " + LIVENESS);
        }
        if (loadBalancer == null) {
            problems.add("compose: no load balancer (haproxy or nginx)");
        } else {
            String config = list(loadBalancer.get("volumes")).stream().map(String::valueOf)
                    .filter(volume -> volume.startsWith("./"))
                    .map(volume -> read(deployDir.resolve(volume.substring(2, volume.indexOf(':')))))
                    .collect(Collectors.joining("\n"));
            if (!config.contains(READINESS) || !config.contains(appName + ":8080")) {
                problems.add("compose: the load balancer does not check " + READINESS + " on " + appName + ":8080");
            }
            if (!map(loadBalancer.get("depends_on")).containsKey(appName)) {
                problems.add("compose: the load balancer does not wait for " + appName);
            }
        }

        Map<String, String> environment = new LinkedHashMap<>();
        map(app.get("environment")).forEach((name, value) -> environment.put(name, String.valueOf(value)));
        unknown(environment.keySet(), known, "compose: app sets ", problems);
        inline(environment.keySet(), "compose: ", problems);

        Set<String> provided = new TreeSet<>(environment.keySet());
        Set<String> mounts = list(app.get("volumes")).stream().map(String::valueOf)
                .map(volume -> volume.split(":")[1]).collect(Collectors.toSet());
        Optional.ofNullable(environment.get("QUARKUS_CONFIG_LOCATIONS")).ifPresent(locations -> {
            for (String location : locations.split(",")) {
                Path file = Path.of(location.strip().replaceFirst("^file:", ""));
                if (!onMount(file, mounts) || !Files.exists(generatedSecrets.resolve(file.getFileName()))) {
                    problems.add("compose: " + location + " is no generated secrets file on a mounted volume");
                    continue;
                }
                Set<String> keys = loadProperties(generatedSecrets.resolve(file.getFileName())).stringPropertyNames()
                        .stream().map(DeploymentChecks::environmentName).collect(Collectors.toSet());
                unknown(keys, known, "compose: " + file.getFileName() + " sets ", problems);
                provided.addAll(keys);
            }
        });
        for (String location : KEY_LOCATIONS) {
            Optional.ofNullable(environment.get(location)).map(Path::of)
                    .filter(file -> !onMount(file, mounts) || !Files.exists(generatedSecrets.resolve(file.getFileName())))
                    .ifPresent(file -> problems.add("compose: " + location + " names " + file
                            + ", no generated key file on a mounted volume"));
        }
        missing(provided, "compose: ", problems);
        return problems;
    }

    private static boolean onMount(Path file, Set<String> mounts) {
        return mounts.stream().anyMatch(mount -> file.startsWith(mount));
    }

    // --- Kubernetes

    /**
     * deploy/kubernetes: a Deployment whose probes name the health endpoints, whose memory limit leaves
     * the JVM's non-heap memory beside the image's heap share, that runs as non-root on a read-only
     * root file system; a Service and a PodDisruptionBudget selecting its pods; its variables are ones
     * the app reads, secrets come from Secrets (keys that exist), key files from a mounted Secret.
     */
    static List<String> checkKubernetes(List<Map<String, Object>> documents, int heapPercent, Set<String> known) {
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        Map<String, Object> deployment = null;
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
            }
        }
        for (String kind : List.of("Deployment", "Service", "PodDisruptionBudget", "Secret")) {
            if (!kinds.contains(kind)) {
                problems.add("kubernetes: no " + kind);
            }
        }
        if (deployment == null) {
            return problems;
        }
        Map<String, Object> podTemplate = map(map(deployment.get("spec")).get("template"));
        Map<String, Object> podLabels = map(map(podTemplate.get("metadata")).get("labels"));
        for (Map<String, Object> document : documents) {
            String kind = String.valueOf(document.get("kind"));
            Map<String, Object> spec = map(document.get("spec"));
            Map<String, Object> selector = kind.equals("Service") ? map(spec.get("selector"))
                    : kind.equals("PodDisruptionBudget") ? map(map(spec.get("selector")).get("matchLabels")) : null;
            if (selector != null && (selector.isEmpty() || !podLabels.entrySet().containsAll(selector.entrySet()))) {
                problems.add("kubernetes: the " + kind + " does not select the Deployment's pods");
            }
        }

        Map<String, Object> podSpec = map(podTemplate.get("spec"));
        Map<String, Object> container = map(list(podSpec.get("containers")).get(0));
        probe(container, "livenessProbe", LIVENESS, problems);
        probe(container, "readinessProbe", READINESS, problems);

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

        Map<String, String> secretMounts = new LinkedHashMap<>();
        Map<String, String> secretVolumes = new LinkedHashMap<>();
        for (Object volume : list(podSpec.get("volumes"))) {
            Object secretName = map(map(volume).get("secret")).get("secretName");
            if (secretName != null) {
                secretVolumes.put(String.valueOf(map(volume).get("name")), String.valueOf(secretName));
            }
        }
        for (Object mount : list(container.get("volumeMounts"))) {
            String secretName = secretVolumes.get(String.valueOf(map(mount).get("name")));
            if (secretName != null) {
                secretMounts.put(String.valueOf(map(mount).get("mountPath")), secretName);
            }
        }

        Set<String> provided = new TreeSet<>();
        for (Object entry : list(container.get("env"))) {
            String name = String.valueOf(map(entry).get("name"));
            provided.add(name);
            Map<String, Object> reference = map(map(map(entry).get("valueFrom")).get("secretKeyRef"));
            if (!reference.isEmpty()) {
                Set<String> keys = secrets.get(String.valueOf(reference.get("name")));
                if (keys == null || !keys.contains(String.valueOf(reference.get("key")))) {
                    problems.add("kubernetes: " + name + " refers to " + reference.get("name") + "/"
                            + reference.get("key") + ", which no Secret holds");
                }
            } else if (SECRET.contains(name)) {
                problems.add("kubernetes: " + name + " is written in the manifest, not taken from a Secret");
            }
            if (KEY_LOCATIONS.contains(name)) {
                Path file = Path.of(String.valueOf(map(entry).get("value")));
                String secret = secretMounts.get(String.valueOf(file.getParent()));
                if (secret == null || !secrets.getOrDefault(secret, Set.of()).contains(file.getFileName().toString())) {
                    problems.add("kubernetes: " + name + " names " + file + ", which no mounted Secret holds");
                }
            }
        }
        unknown(provided, known, "kubernetes: the Deployment sets ", problems);
        missing(provided, "kubernetes: ", problems);
        return problems;
    }

    private static void probe(Map<String, Object> container, String probe, String path, List<String> problems) {
        Object actual = map(map(container.get(probe)).get("httpGet")).get("path");
        if (!path.equals(actual)) {
            problems.add("kubernetes: " + probe + " probes " + actual + ", not " + path);
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
