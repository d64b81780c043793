package io.hybridlicense.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A second process of the packaged application (the native binary or the jar, whichever
 * {@code quarkus.package} produced) beside the one under test, on its database and keys
 * ({@link PackagedAppEnvironment#appConfig()}), so that both sign, verify and decrypt alike.
 */
public final class SecondServer implements AutoCloseable {

    /** Where PackagedAppEnvironment reads the database and keys from the environment. */
    private static final List<String> SETTING_VARIABLES = List.of("QUARKUS_DATASOURCE_", "QUARKUS_FLYWAY_", "MP_JWT_",
            "SMALLRYE_JWT_", "HL_SCHEMASYNC_CREDENTIALS_KEY");

    private final Process process;
    private final int port;

    private SecondServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts it and waits until it is ready.
     *
     * @param name names its data directory and log under {@code target/}
     * @param environment further variables, e.g. its number of schemasync workers
     */
    public static SecondServer start(String name, Map<String, String> environment) throws Exception {
        return start(name, PackagedAppEnvironment.appConfig(), environment);
    }

    /**
     * Starts one with the given configuration (system properties) instead of the app under test's, and
     * waits until it is ready.
     */
    public static SecondServer start(String name, Map<String, String> config, Map<String, String> environment)
            throws Exception {
        int port = freePort();
        Path log = log(name);
        SecondServer server = new SecondServer(launch(name, config, environment, port), port);
        HttpClient http = HttpClient.newHttpClient();
        try {
            // 120 s: a start takes ~10 s alone, several times that on a machine shared with other builds
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() ->
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        } catch (RuntimeException | Error notReady) {
            server.close(); // never left running behind a failed test
            throw notReady;
        }
        // a jar that missed the settings would start on an embedded database of its own and still be ready
        assertThat(Files.readString(log)).as("the second server's database")
                .contains("Database: external PostgreSQL at " + config.get("quarkus.datasource.jdbc.url"));
        return server;
    }

    /** How a server that stopped by itself ended: its exit status and what it logged. */
    public record Exited(int status, String log) {
    }

    /**
     * Starts the packaged app with {@code config} instead of the ITs' (a variable of the test JVM with the same
     * meaning left out) and waits for it to stop by itself: a refused start, or a one-shot step such as
     * {@code quarkus.init-and-exit} (migrate and exit, as the deployment's migration Job does).
     */
    public static Exited runUntilExit(String name, Map<String, String> config, Map<String, String> environment,
                                      Duration within) throws Exception {
        Process process = launch(name, config, environment, freePort());
        if (!process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("The server " + name + " kept running; see " + log(name));
        }
        return new Exited(process.exitValue(), Files.readString(log(name)));
    }

    /** Where a process's output goes. */
    public static Path log(String name) {
        return Path.of("target/it-" + name + ".log");
    }

    private static Process launch(String name, Map<String, String> config, Map<String, String> environment, int port)
            throws IOException {
        List<String> systemProperties = new ArrayList<>();
        config.forEach((property, value) -> systemProperties.add("-D" + property + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(packagedAppCommand(systemProperties))
                .redirectErrorStream(true)
                .redirectOutput(log(name).toFile());
        Map<String, String> env = builder.environment();
        // the settings arrive as system properties only: a variable of the test JVM would add one config leaves out
        env.keySet().removeIf(variable -> SETTING_VARIABLES.stream().anyMatch(variable::startsWith));
        env.put("HL_DATA_DIR", Path.of("target/it-data-" + name).toString());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.putAll(environment);
        return builder.start();
    }

    public int port() {
        return port;
    }

    /** {@code kill -9}: no shutdown hook runs, nothing is released; what it held is left to leases. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    /** Runs a command of the package ({@code verify-license-file …}) to its end: its exit status and output. */
    public static Exited runCommand(Duration timeout, String... args) throws Exception {
        List<String> command = new ArrayList<>(packagedAppCommand(List.of()));
        command.addAll(List.of(args));
        // the output goes to a file, not a pipe read here: reading a pipe to its end would wait as long as a
        // command that never ends (the native binary once started the server instead), past the timeout
        Path output = Files.createTempFile("app-command", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("The command did not end within " + timeout + ": " + command);
            }
            return new Exited(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * What the build produced, as Quarkus's own integration-test launcher reads it: the native
     * executable ({@code -Dnative}) or the fast-jar; the system properties go before {@code -jar}, where
     * the JVM reads them (the native executable reads them from its arguments).
     */
    private static List<String> packagedAppCommand(List<String> systemProperties) throws IOException {
        Properties artifact = new Properties();
        try (var in = Files.newBufferedReader(Path.of("target/quarkus-artifact.properties"))) {
            artifact.load(in);
        }
        Path path = Path.of("target").resolve(artifact.getProperty("path")).toAbsolutePath();
        String type = artifact.getProperty("type");
        if (!"native".equals(type) && !"jar".equals(type)) {
            throw new IllegalStateException("No packaged app to start: " + artifact);
        }
        List<String> command = new ArrayList<>();
        command.add("native".equals(type) ? path.toString() : Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(systemProperties);
        if ("jar".equals(type)) {
            command.addAll(List.of("-jar", path.toString()));
        }
        return command;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
