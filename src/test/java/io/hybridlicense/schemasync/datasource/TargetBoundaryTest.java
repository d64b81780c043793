package io.hybridlicense.schemasync.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.TcpRelay;
import io.hybridlicense.schemasync.TestTargets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where schemasync may connect: never this server's own database (under any alias), only addresses
 * the policy allows (test profile: public and loopback), never a SQLite file outside the user's
 * directory, and a check that does not tell one kind of connection failure from another.
 */
@QuarkusTest
class TargetBoundaryTest {

    private static final String CORE_DATABASE = "core-database";

    @Test
    void theCoreDatabase_isRefused_underEveryAlias() throws Exception {
        URI core = URI.create(TestTargets.coreUrl().substring("jdbc:".length()));
        String coreDatabase = core.getPath().substring(1);
        int port = core.getPort();
        List<Map<String, Object>> aliases = new ArrayList<>();
        for (String host : List.of("localhost", "127.0.0.1", InetAddress.getLocalHost().getHostName())) {
            aliases.add(Map.of("host", host, "port", port));
        }
        if (reachable("jdbc:postgresql://[::1]:" + port + "/" + coreDatabase)) {
            aliases.add(Map.of("host", "::1", "port", port));
        }
        Api api = Api.asNewUser();
        try (TcpRelay forward = new TcpRelay(port)) {
            forward.open();
            aliases.add(Map.of("host", "127.0.0.1", "port", forward.port()));
            for (Map<String, Object> alias : aliases) {
                Map<String, Object> body = new HashMap<>(TestTargets.postgresqlNamed(coreDatabase).registration());
                body.putAll(alias);
                body.put("name", "core-" + TestTargets.shortId());
                api.request().body(body).post("/api/v1/datasources").then().log().ifValidationFails()
                        .statusCode(400).contentType("application/problem+json")
                        .body("type", equalTo("urn:hybrid-license:problem:" + CORE_DATABASE));
            }
        }
        api.request().get("/api/v1/datasources").then().statusCode(200).body("size()", equalTo(0));
        // another database of the same server is a legitimate target
        api.register(TestTargets.postgresql());
    }

    @Test
    void aTargetThatTurnsOutToBeTheCoreDatabase_isRejectedAtApply_andNothingIsTouched() throws Exception {
        URI core = URI.create(TestTargets.coreUrl().substring("jdbc:".length()));
        String coreDatabase = core.getPath().substring(1);
        long historyRows = count("SELECT count(*) FROM flyway_schema_history");
        Api api = Api.asNewUser();
        try (TcpRelay relay = new TcpRelay(core.getPort())) {
            Map<String, Object> body = new HashMap<>(TestTargets.postgresqlNamed(coreDatabase).registration());
            body.put("host", "127.0.0.1");
            body.put("port", relay.port());
            body.put("name", "looks-harmless");
            // closed while registering: accepted like any database that is down
            String ds = api.request().body(body).post("/api/v1/datasources").then().statusCode(201).extract().path("datasourceId");
            relay.open();

            String history = api.createTable(ds, Map.of("name", "flyway_schema_history", "columns", List.of(
                    Map.of("name", "installed_rank", "type", "integer", "primaryKey", true),
                    Map.of("name", "version", "type", "varchar(50)"), Map.of("name", "description", "type", "varchar(200)"),
                    Map.of("name", "type", "type", "varchar(20)"), Map.of("name", "script", "type", "varchar(1000)"),
                    Map.of("name", "checksum", "type", "integer"), Map.of("name", "installed_by", "type", "varchar(100)"),
                    Map.of("name", "installed_on", "type", "timestamp"), Map.of("name", "execution_time", "type", "integer"),
                    Map.of("name", "success", "type", "boolean"))));
            String fresh = api.createTable(ds, Map.of("name", "must_not_exist_" + TestTargets.shortId()));

            JsonPath rejected = api.settled(history);
            assertThat(rejected.getString("status")).isEqualTo("rejected");
            assertThat(rejected.getString("lastError")).startsWith(CORE_DATABASE);
            assertThat(api.events(history)).filteredOn(e -> "ChangeRejected".equals(e.get("type")))
                    .extracting(e -> (Object) ((Map<?, ?>) e.get("data")).get("reason")).first().isEqualTo(CORE_DATABASE);
            assertThat(api.settled(fresh).getString("status")).isEqualTo("rejected");
            api.request().post("/api/v1/datasources/" + ds + "/check").then().statusCode(400)
                    .body("type", equalTo("urn:hybrid-license:problem:" + CORE_DATABASE));
        }
        assertThat(count("SELECT count(*) FROM flyway_schema_history")).isEqualTo(historyRows);
        assertThat(count("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'must_not_exist_%'")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "192.168.1.1", "172.16.0.1", "100.64.0.1", "169.254.169.254", "fe80::1",
            "fd00::1", "0.0.0.0", "224.0.0.1", "ff02::1", "nothing-here.example.org"})
    void aHostOutsideThePolicy_isRefusedAtRegistration_beforeAnyConnection(String host) {
        Api api = Api.asNewUser();
        Map<String, Object> body = new HashMap<>(TestTargets.postgresqlNamed("postgres").registration());
        body.put("host", host);
        body.put("name", "outside");
        long started = System.nanoTime();
        api.request().body(body).post("/api/v1/datasources").then().log().ifValidationFails()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:hybrid-license:problem:host-not-allowed"))
                .body("detail", not(containsString(host)));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered without trying to connect")
                .isLessThan(connectTimeout());
        api.request().get("/api/v1/datasources").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aRegisteredHostThatIsNoLongerAllowed_isRefusedBeforeEveryConnection() throws Exception {
        Api api = Api.asNewUser();
        // registered while the allowlist was wider: written as that registration would have written it
        UUID id = UUID.randomUUID();
        try (Connection core = TestTargets.connect(TestTargets.coreUrl(), TestTargets.ownerUser(), TestTargets.ownerPassword());
             PreparedStatement insert = core.prepareStatement("INSERT INTO schemasync.datasource (id, owner_id, name, kind, "
                     + "host, port, database_name, username, options, created_at) VALUES (?, ?, 'wider', 'postgresql', "
                     + "'10.0.0.1', 5432, 'db', 'u', '{}'::jsonb, now())")) {
            insert.setObject(1, id);
            insert.setString(2, api.identity().userId());
            insert.executeUpdate();
        }
        long started = System.nanoTime();
        api.request().post("/api/v1/datasources/" + id + "/check").then().statusCode(400)
                .body("type", equalTo("urn:hybrid-license:problem:host-not-allowed"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(connectTimeout());

        assertRefusedAtApply(api, api.createTable(id.toString(), Map.of("name", "t")), "host-not-allowed");
    }

    @Test
    void check_givesOneAnswer_forEveryKindOfConnectionFailure() throws Exception {
        Api api = Api.asNewUser();
        List<String> failing = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             TcpRelay closed = new TcpRelay(1)) {
            Map<String, Object> postgres = TestTargets.postgresql().registration();
            failing.add(register(api, postgres, Map.of("port", closed.port())));                      // refused
            failing.add(register(api, postgres, Map.of("port", silent.getLocalPort())));              // timeout
            failing.add(register(api, postgres, Map.of("host", "no-such-host.invalid")));             // unknown host
            failing.add(register(api, postgres, Map.of("options", Map.of("sslmode", "require"))));   // TLS
            failing.add(register(api, TestTargets.mariadb().registration(), Map.of("password", "wrong-" + UUID.randomUUID()))); // auth
            List<String> answers = new ArrayList<>();
            for (String id : failing) {
                long started = System.nanoTime();
                answers.add(api.request().post("/api/v1/datasources/" + id + "/check").then().statusCode(200)
                        .body("reachable", equalTo(false)).extract().asString());
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no quicker answer for any failure")
                        .isGreaterThanOrEqualTo(connectTimeout());
            }
            assertThat(answers).containsOnly(answers.get(0));
        }
    }

    @Test
    void sqlite_aDanglingLinkAsTheFile_isRefused_andNothingIsCreatedOutside() throws Exception {
        Api api = Api.asNewUser();
        Path outside = Files.createTempDirectory("outside-sqlite");
        Path own = userDirectory(api);
        Files.createDirectories(own);
        Files.createSymbolicLink(own.resolve("link.db"), outside.resolve("created-outside.db"));

        api.request().body(Map.of("name", "lite", "kind", "sqlite", "file", "link.db")).post("/api/v1/datasources")
                .then().statusCode(400).body("type", equalTo("urn:hybrid-license:problem:invalid-sqlite-file"));
        assertThat(outside.resolve("created-outside.db")).doesNotExist();
    }

    @Test
    void sqlite_aUserDirectoryThatIsALink_isRefused_andNothingIsCreatedOutside() throws Exception {
        Api api = Api.asNewUser();
        Path outside = Files.createTempDirectory("outside-sqlite");
        Path own = userDirectory(api);
        Files.createDirectories(own.getParent());
        Files.createSymbolicLink(own, outside);

        api.request().body(Map.of("name", "lite", "kind", "sqlite", "file", "a.db")).post("/api/v1/datasources")
                .then().statusCode(400).body("type", equalTo("urn:hybrid-license:problem:invalid-sqlite-file"));
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void sqlite_aFileReplacedByALinkAfterRegistration_isRejectedAtApply() throws Exception {
        Api api = Api.asNewUser();
        Path outside = Files.createTempDirectory("outside-sqlite");
        String ds = api.request().body(Map.of("name", "lite", "kind", "sqlite", "file", "later.db", "create", true))
                .post("/api/v1/datasources").then().statusCode(201).extract().path("datasourceId");
        Files.delete(userDirectory(api).resolve("later.db"));
        Files.createSymbolicLink(userDirectory(api).resolve("later.db"), outside.resolve("created-outside.db"));

        assertRefusedAtApply(api, api.createTable(ds, Map.of("name", "t")), "invalid-sqlite-file");
        assertThat(outside).isEmptyDirectory();
        api.request().post("/api/v1/datasources/" + ds + "/check").then().statusCode(400)
                .body("type", equalTo("urn:hybrid-license:problem:invalid-sqlite-file"));
    }

    @Test
    void aTakenName_isA409_thatDoesNotRepeatTheName() {
        Api api = Api.asNewUser();
        String name = "Secret-Project-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("name", name, "kind", "sqlite", "file", "n.db", "create", true);
        api.request().body(body).post("/api/v1/datasources").then().statusCode(201);
        String answer = api.request().body(body).post("/api/v1/datasources").then().statusCode(409)
                .body("type", equalTo("urn:hybrid-license:problem:datasource-name-taken")).extract().asString();
        assertThat(answer).doesNotContain(name);
        String unknown = UUID.randomUUID().toString();
        api.request().get("/api/v1/datasources/" + unknown).then().statusCode(404).body("detail", not(containsString(unknown)));
    }

    /**
     * Targets refuses the spec (a ProblemException) before any connection; the executor records that at
     * once as a permanent rejection with the refusal's slug, never as silent retries.
     */
    private static void assertRefusedAtApply(Api api, String tableId, String slug) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> "rejected".equals(api.table(tableId).getString("status")));
        assertThat(api.table(tableId).getString("lastError")).startsWith(slug + ": ");
    }

    private static String register(Api api, Map<String, Object> registration, Map<String, Object> changes) {
        Map<String, Object> body = new HashMap<>(registration);
        body.putAll(changes);
        body.put("name", "failing-" + TestTargets.shortId());
        return api.request().body(body).post("/api/v1/datasources").then().log().ifValidationFails().statusCode(201)
                .extract().path("datasourceId");
    }

    private static Path userDirectory(Api api) {
        return Path.of(ConfigProvider.getConfig().getValue("hl.schemasync.sqlite-directory", String.class))
                .resolve(api.identity().userId());
    }

    private static Duration connectTimeout() {
        return ConfigProvider.getConfig().getValue("hl.schemasync.connect-timeout", Duration.class);
    }

    private static boolean reachable(String url) {
        try (Connection ignored = TestTargets.connect(url, TestTargets.ownerUser(), TestTargets.ownerPassword())) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection core = TestTargets.connect(TestTargets.coreUrl(), TestTargets.ownerUser(), TestTargets.ownerPassword());
             Statement statement = core.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
