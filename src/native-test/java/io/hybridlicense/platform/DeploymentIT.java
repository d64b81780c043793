package io.hybridlicense.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hybridlicense.testing.LoopbackClient;
import io.hybridlicense.testing.PackagedAppEnvironment;
import io.hybridlicense.testing.RestartablePostgres;
import io.hybridlicense.testing.SecondServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged application deployed as deploy/kubernetes and deploy/compose.yaml deploy it, on a
 * PostgreSQL of this test's own that it restarts mid-burst (a failover):
 * <ul>
 * <li>the migrations run as a separate step holding the owner's credentials ({@code quarkus.init-and-exit}),
 * and the server holds only the runtime role, migrates nothing, and refuses to start on an unmigrated schema;</li>
 * <li>behind a trusted TLS-terminating proxy ({@code X-Forwarded-Proto: https}) the console's cookies are
 * {@code Secure}; the same header from an untrusted address changes nothing;</li>
 * <li>while the core database is down validation answers 503 with {@code Retry-After} at once, within 5 s
 * of its return it answers 200 again (the JDBC pool, the reactive pool and schemasync's {@code LISTEN}
 * connection reconnect by themselves), no accepted activation or schema change is lost.</li>
 * </ul>
 * Not a {@code @QuarkusIntegrationTest}: the app's process is started here, after the migration step,
 * with the deployment's settings.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentIT {

    private static final String DATABASE = "hl_deploy";
    private static final String OWNER = "hl_deploy_owner";
    private static final String RUNTIME = "hl_deploy_runtime";
    private static final String TARGET_DATABASE = "hl_deploy_target";
    private static final String TARGET_OWNER = "hl_deploy_target_owner";
    /** The "ingress" of the test: the only address whose forwarded headers the server trusts. */
    private static final String PROXY = "127.0.0.2";
    private static final String PASSWORD = "failover password";
    private static final Duration OUTAGE = Duration.ofSeconds(5);
    private static final Duration RECOVERY = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RestartablePostgres core;
    private static RestartablePostgres target;
    private static Map<String, String> serverConfig;
    private static Map<String, String> serverEnvironment;
    private static SecondServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void migrateThenServe() throws Exception {
        core = RestartablePostgres.startFresh(Path.of("target/it-deploy-core-pg"));
        target = RestartablePostgres.startFresh(Path.of("target/it-deploy-target-pg"));
        String ownerPassword = secret();
        String runtimePassword = secret();
        try (Connection admin = core.superuser(); Statement sql = admin.createStatement()) {
            sql.execute("CREATE ROLE " + OWNER + " LOGIN PASSWORD '" + ownerPassword + "'");
            sql.execute("CREATE ROLE " + RUNTIME + " LOGIN PASSWORD '" + runtimePassword + "'");
            sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER);
        }
        try (Connection admin = target.superuser(); Statement sql = admin.createStatement()) {
            sql.execute("CREATE ROLE " + TARGET_OWNER + " LOGIN PASSWORD '" + PASSWORD + "'");
            sql.execute("CREATE DATABASE " + TARGET_DATABASE + " OWNER " + TARGET_OWNER);
        }

        serverConfig = new LinkedHashMap<>(PackagedAppEnvironment.keys());
        serverConfig.put("quarkus.datasource.jdbc.url", core.jdbcUrl(DATABASE));
        serverConfig.put("quarkus.datasource.username", RUNTIME);
        serverConfig.put("quarkus.datasource.password", runtimePassword);
        serverEnvironment = new LinkedHashMap<>(Map.of(
                // as deploy/kubernetes/deployment.yaml and deploy/compose.yaml
                "QUARKUS_FLYWAY_MIGRATE_AT_START", "false",
                "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true",
                "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true",
                "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", PROXY,
                "HL_SCHEMASYNC_ALLOWED_HOSTS", "public,loopback",
                // room for the burst: seats, one address's registrations and sign-ins, cheap hashes
                "HL_LICENSE_SEATS_FREE", "100000",
                "HL_AUTH_RATE_LIMIT_REGISTRATIONS", "1000",
                "HL_AUTH_RATE_LIMIT_ACCOUNT_FAILURES", "100000",
                "HL_AUTH_RATE_LIMIT_ADDRESS_FAILURES", "100000"));
        serverEnvironment.putAll(Map.of("HL_AUTH_PASSWORD_MEMORY_KIB", "4096", "HL_AUTH_PASSWORD_CONCURRENT_HASHES", "2"));

        assertThat(SecondServer.runUntilExit("deploy-unmigrated", serverConfig, serverEnvironment, Duration.ofSeconds(120)).status())
                .as("a server on a schema nobody migrated refuses to start (schema validation); see "
                        + SecondServer.log("deploy-unmigrated")).isNotZero();

        // the migration step: the owner's credentials, the runtime role's name only (the migrations grant to it)
        Map<String, String> migration = Map.of(
                "quarkus.datasource.jdbc.url", core.jdbcUrl(DATABASE),
                "quarkus.datasource.username", RUNTIME,
                "quarkus.flyway.username", OWNER,
                "quarkus.flyway.password", ownerPassword);
        assertThat(SecondServer.runUntilExit("deploy-migrate", migration,
                // plans are data since the policies migration: the seats it seeds come from the migration step's settings
                Map.of("QUARKUS_INIT_AND_EXIT", "true", "QUARKUS_FLYWAY_MIGRATE_AT_START", "true", "HL_LICENSE_SEATS_FREE", "100000"),
                Duration.ofSeconds(120)).status())
                .as("the migration step's exit code; see " + SecondServer.log("deploy-migrate")).isZero();

        server = SecondServer.start("deploy-server", serverConfig, serverEnvironment);
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (server != null) {
            server.close();
        }
        if (core != null) {
            core.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    @Order(1)
    void migrationsRanAsTheOwner_andTheServerHoldsOnlyTheRuntimeRole() throws Exception {
        try (Connection admin = core.superuser(DATABASE); Statement sql = admin.createStatement();
             ResultSet owners = sql.executeQuery("SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class c "
                     + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('auth', 'license', 'admin', 'schemasync', 'webhooks')")) {
            List<String> names = new ArrayList<>();
            while (owners.next()) {
                names.add(owners.getString(1));
            }
            assertThat(names).containsExactly(OWNER);
        }
        assertThat(serverConfig).doesNotContainKeys("quarkus.flyway.username", "quarkus.flyway.password");
        assertThat(Files.readString(SecondServer.log("deploy-server")))
                .doesNotContain("served by the role that owns the schema")
                .doesNotContain("Migrating schema");
    }

    @Test
    @Order(2)
    void consoleCookiesAreSecure_behindATrustedTlsProxyOnly() throws Exception {
        Map<String, String> overTls = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.7");
        LoopbackClient viaProxy = LoopbackClient.from(PROXY);
        assertThat(viaProxy.get(server.port(), "/console/admin", overTls).setCookie("hl_session")).contains("; Secure");
        assertThat(viaProxy.get(server.port(), "/console/sign-in", overTls).setCookie("hl_csrf")).containsIgnoringCase("; Secure");

        LoopbackClient notTheProxy = LoopbackClient.from("127.0.0.3");
        assertThat(notTheProxy.get(server.port(), "/console/admin", overTls).setCookie("hl_session")).doesNotContain("Secure");
        assertThat(notTheProxy.get(server.port(), "/console/sign-in", overTls).setCookie("hl_csrf")).doesNotContainIgnoringCase("secure");
        assertThat(viaProxy.get(server.port(), "/console/sign-in", Map.of()).setCookie("hl_csrf")).doesNotContainIgnoringCase("secure");

        Map<String, String> alwaysSecure = new LinkedHashMap<>(serverEnvironment);
        alwaysSecure.put("HL_ADMIN_CONSOLE_SECURE_COOKIES", "true");
        try (SecondServer secureOnly = SecondServer.start("deploy-secure-cookies", serverConfig, alwaysSecure)) {
            assertThat(notTheProxy.get(secureOnly.port(), "/console/admin", Map.of()).setCookie("hl_session")).contains("; Secure");
            assertThat(notTheProxy.get(secureOnly.port(), "/console/sign-in", Map.of()).setCookie("hl_csrf"))
                    .containsIgnoringCase("; Secure");
        }
    }

    /** {@code problem}: the problem type of an answer that has one. */
    private record Call(long startedNanos, long endedNanos, int status, String retryAfter, String id, String problem) {
        Duration took() {
            return Duration.ofNanos(endedNanos - startedNanos);
        }

        /** The database went away during the commit: the change may or may not have been made. */
        boolean inDoubt() {
            return status == 503 && "urn:hybrid-license:problem:commit-outcome-unknown".equals(problem);
        }
    }

    @Test
    @Order(3)
    void coreDatabaseRestartsUnderLoad_validateAnswers503Quickly_recoversWithin5s_andNothingAcceptedIsLost() throws Exception {
        String email = "failover-" + UUID.randomUUID() + "@example.test";
        post("/api/v1/auth/register", Map.of("email", email, "password", PASSWORD), null, 201);
        String accessToken = post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD), null, 200)
                .get("accessToken").asText();
        List<String[]> licenses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String clientId = "failover-machine-" + i;
            licenses.add(new String[] {post("/api/v1/licenses/activate",
                    Map.of("email", email, "password", PASSWORD, "clientId", clientId), null, 201).get("token").asText(), clientId});
        }
        String datasourceId = post("/api/v1/datasources", Map.of("name", "failover", "kind", "postgresql", "host", "localhost",
                "port", target.port(), "database", TARGET_DATABASE, "username", TARGET_OWNER, "password", PASSWORD),
                accessToken, 201).get("datasourceId").asText();
        String tableId = post("/api/v1/datasources/" + datasourceId + "/tables", Map.of("name", "failover_table",
                "columns", List.of(Map.of("name", "id", "type", "bigint", "primaryKey", true))), accessToken, 202)
                .get("tableId").asText();
        awaitSynced(accessToken, tableId);
        await().atMost(Duration.ofSeconds(30)).until(() -> listeners() == 1);

        Queue<Call> validations = new ConcurrentLinkedQueue<>();
        Queue<Call> activations = new ConcurrentLinkedQueue<>();
        Queue<Call> columnChanges = new ConcurrentLinkedQueue<>();
        AtomicBoolean bursting = new AtomicBoolean(true);
        AtomicInteger machines = new AtomicInteger();
        AtomicInteger columns = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(7);
        for (int i = 0; i < 4; i++) {
            load.submit(() -> repeat(bursting, validations, n -> {
                String[] license = licenses.get(ThreadLocalRandom.current().nextInt(licenses.size()));
                return request("/api/v1/licenses/validate", Map.of("token", license[0], "clientId", license[1]), null);
            }));
        }
        for (int i = 0; i < 2; i++) {
            load.submit(() -> repeat(bursting, activations, n -> request("/api/v1/licenses/activate",
                    Map.of("email", email, "password", PASSWORD, "clientId", "burst-" + machines.incrementAndGet()), null)));
        }
        load.submit(() -> repeat(bursting, columnChanges, n -> {
            pause(Duration.ofMillis(200));
            return request("/api/v1/tables/" + tableId + "/columns",
                    Map.of("name", "c" + columns.incrementAndGet(), "type", "integer"), accessToken);
        }));

        await().atMost(Duration.ofSeconds(30)).until(() -> validations.stream().filter(call -> call.status() == 200).count() > 200
                && activations.stream().filter(call -> call.status() == 201).count() >= 3);
        long down = System.nanoTime();
        core.stop();
        // the outage itself: its length is the scenario, not something to poll for
        pause(OUTAGE);
        long restarting = System.nanoTime();
        core.start();
        long up = System.nanoTime();
        long recovered = up + RECOVERY.toNanos();
        await().atMost(Duration.ofSeconds(30)).until(() -> validations.stream()
                .filter(call -> call.startedNanos() > recovered).count() > 200);
        bursting.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        List<Call> duringOutage = validations.stream()
                .filter(call -> call.startedNanos() > down + Duration.ofMillis(500).toNanos() && call.endedNanos() < restarting).toList();
        long firstSuccessAfterReturn = validations.stream().filter(call -> call.startedNanos() > up && call.status() == 200)
                .mapToLong(Call::startedNanos).min().orElse(Long.MAX_VALUE);
        System.out.printf("failover: outage %d ms (start took %d ms), %d validations during it (503), first 200 %d ms after the return, "
                        + "%d validations, %d activations (%d created), %d column changes (%d accepted, %d in doubt)%n",
                Duration.ofNanos(up - down).toMillis(), Duration.ofNanos(up - restarting).toMillis(), duringOutage.size(), Duration.ofNanos(firstSuccessAfterReturn - up).toMillis(),
                validations.size(), activations.size(), activations.stream().filter(call -> call.status() == 201).count(),
                columnChanges.size(), columnChanges.stream().filter(call -> call.status() == 202).count(),
                columnChanges.stream().filter(Call::inDoubt).count());

        assertThat(duringOutage).as("validations while the database was down").isNotEmpty()
                .allSatisfy(call -> {
                    assertThat(call.status()).isEqualTo(503);
                    assertThat(call.retryAfter()).isNotBlank();
                    assertThat(call.took()).isLessThan(Duration.ofSeconds(3));
                });
        assertThat(validations).as("every validation answered 200 or 503, none hung")
                .allSatisfy(call -> {
                    assertThat(call.status()).isIn(200, 503);
                    assertThat(call.took()).isLessThan(Duration.ofSeconds(5));
                });
        assertThat(validations.stream().filter(call -> call.startedNanos() > recovered))
                .as("validations from 5 s after the database's return").isNotEmpty()
                .allSatisfy(call -> assertThat(call.status()).isEqualTo(200));
        assertThat(activations).extracting(Call::status).containsOnly(201, 503);
        assertThat(activations.stream().filter(call -> call.startedNanos() > recovered && call.status() == 201))
                .as("activations succeed again after the return").isNotEmpty();
        List<String> created = activations.stream().filter(call -> call.status() == 201).map(Call::id).toList();
        assertThat(licensesFound(created)).as("every activation answered 201 exists").isEqualTo(created.size());

        assertThat(columnChanges).extracting(Call::status).containsOnly(202, 503);
        assertThat(columnChanges).extracting(Call::status).contains(202);
        awaitSynced(accessToken, tableId);
        JsonNode table = get("/api/v1/tables/" + tableId, accessToken);
        long accepted = columnChanges.stream().filter(call -> call.status() == 202).count();
        long inDoubt = columnChanges.stream().filter(Call::inDoubt).count();
        assertThat(table.get("version").asInt() - 1L)
                .as("every accepted change is in the model, and no refused one; a commit the database went away during may be")
                .isBetween(accepted, accepted + inDoubt);
        assertThat(targetColumns("failover_table")).hasSize(table.get("columns").size());

        await("schemasync's LISTEN connection is back").atMost(Duration.ofSeconds(30)).until(() -> listeners() == 1);
    }

    // --- HTTP

    private static void repeat(AtomicBoolean running, Queue<Call> calls, IntFunction<Call> call) {
        for (int n = 0; running.get(); n++) {
            calls.add(call.apply(n));
        }
    }

    private static Call request(String path, Map<String, Object> body, String accessToken) {
        long started = System.nanoTime();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (accessToken != null) {
                request.header("Authorization", "Bearer " + accessToken);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String id = response.statusCode() == 201 && path.endsWith("/activate")
                    ? JSON.readTree(response.body()).get("licenseId").asText() : null;
            String problem = response.statusCode() >= 400 && response.body().startsWith("{")
                    ? JSON.readTree(response.body()).path("type").asText(null) : null;
            return new Call(started, System.nanoTime(), response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null), id, problem);
        } catch (IOException e) {
            return new Call(started, System.nanoTime(), -1, null, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Call(started, System.nanoTime(), -1, null, null, null);
        }
    }

    private static JsonNode post(String path, Map<String, Object> body, String accessToken, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    private static JsonNode get(String path, String accessToken) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void awaitSynced(String accessToken, String tableId) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode table = get("/api/v1/tables/" + tableId, accessToken);
            assertThat(table.get("status").asText()).isEqualTo("synced");
            assertThat(table.get("syncedVersion").asInt()).isEqualTo(table.get("version").asInt());
        });
    }

    // --- the databases, read directly

    private static int licensesFound(List<String> ids) throws SQLException {
        try (Connection admin = core.superuser(DATABASE);
             PreparedStatement select = admin.prepareStatement("SELECT count(*) FROM license.licenses WHERE id = ANY(?)")) {
            select.setArray(1, admin.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray()));
            try (ResultSet count = select.executeQuery()) {
                count.next();
                return count.getInt(1);
            }
        }
    }

    private static long listeners() throws SQLException {
        try (Connection admin = core.superuser(); Statement sql = admin.createStatement();
             ResultSet count = sql.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'hybrid-license-listener'")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static List<String> targetColumns(String table) throws SQLException {
        try (Connection admin = target.superuser(TARGET_DATABASE);
             PreparedStatement select = admin.prepareStatement(
                     "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?")) {
            select.setString(1, table);
            List<String> names = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String secret() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
