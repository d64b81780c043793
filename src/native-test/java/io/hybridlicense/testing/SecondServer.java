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
 * A second process of the packaged application under test (the native binary or the jar, whichever
 * {@code quarkus.package} produced), started with the first one's database, roles and keys
 * ({@link PackagedAppEnvironment#appConfig()}): both servers sign, verify and decrypt alike.
 */
public final class SecondServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private SecondServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts it with its own data directory and log under {@code target/it-<name>}, and waits until it is ready. */
    public static SecondServer start(String name, Map<String, String> environment) throws Exception {
        int port = freePort();
        List<String> systemProperties = new ArrayList<>();
        PackagedAppEnvironment.appConfig().forEach((key, value) -> systemProperties.add("-D" + key + "=" + value));
        Path log = Path.of("target/it-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(packagedAppCommand(systemProperties))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("HL_DATA_DIR", Path.of("target/it-data-" + name).toString());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.putAll(environment);
        SecondServer server = new SecondServer(builder.start(), port);
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        // a jar that missed the settings would start on an embedded database of its own and still be ready
        assertThat(Files.readString(log)).as(name + "'s database")
                .contains("Database: external PostgreSQL at " + PackagedAppEnvironment.appConfig().get("quarkus.datasource.jdbc.url"));
        return server;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
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
