package io.hybridlicense.schemasync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hybridlicense.testing.LoopbackClient;
import io.hybridlicense.testing.PackagedAppEnvironment;
import io.hybridlicense.testing.SecondServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A server paused in the middle of a change's DDL, past its lease, while another server takes the change
 * over; then resumed. Two real processes on one core database: the packaged application under test
 * (server A) is stopped with SIGSTOP while its {@code ALTER TABLE} waits for a lock the test holds on the
 * target table; a second process of the same package (server B) is started, claims the change once A's
 * lease has lapsed, and starts its own attempt; the test releases the table, so that A's {@code ALTER}
 * completes on the database while A itself is still stopped, then resumes A (SIGCONT).
 *
 * <p>Before the target-side table lock, B read the catalogue beside A's uncommitted DDL, ran the same
 * {@code ALTER} behind it, met "already exists" once the resumed A committed, and recorded a rejection
 * of a change the database had. Now: the change ends {@code synced}, never {@code rejected}, and the DDL
 * was committed once, as an event trigger on the target records.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppEnvironment.class)
class SchemaSyncPausedServerIT {

    private static final String TABLE = "paused_" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aServerPausedMidDdlPastItsLease_neitherRacesNorRejects_theChangeEndsSyncedAndAppliedOnce() throws Exception {
        String token = token();
        String ds = as(token).body(Map.of("name", "paused", "kind", "postgresql", "host", "localhost",
                        "port", PackagedAppEnvironment.targetPort(), "database", PackagedAppEnvironment.TARGET_DATABASE,
                        "username", PackagedAppEnvironment.targetUser(), "password", PackagedAppEnvironment.targetPassword()))
                .post("/api/v1/datasources").then().statusCode(201).extract().path("datasourceId");
        String tableId = as(token).header("Prefer", "wait=20")
                .body(Map.of("name", TABLE, "columns", List.of(Map.of("name", "id", "type", "bigint", "primaryKey", true))))
                .post("/api/v1/datasources/" + ds + "/tables").then().statusCode(202).extract().path("tableId");
        long pidA = serverPid(token, tableId);

        try (Connection superuser = target("postgres", null); Statement sql = superuser.createStatement()) {
            recordCommittedDdl(sql);
            SecondServer serverB = null;
            boolean stopped = false;
            try (Connection holder = target(PackagedAppEnvironment.targetUser(), PackagedAppEnvironment.targetPassword());
                 Statement lock = holder.createStatement()) {
                holder.setAutoCommit(false);
                lock.execute("LOCK TABLE " + TABLE + " IN ACCESS SHARE MODE");
                as(token).body(Map.of("name", "late", "type", "integer")).post("/api/v1/tables/" + tableId + "/columns")
                        .then().statusCode(202);
                int backendA = await().atMost(Duration.ofSeconds(20)).until(() -> waitingAlter(sql), pid -> pid != 0);

                signal("STOP", pidA);
                stopped = true;
                serverB = SecondServer.start("paused-successor", Map.of("HL_SCHEMASYNC_WORKERS", "2",
                        "HL_SCHEMASYNC_ALLOWED_HOSTS", "public,loopback"));
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> claims(tableId) >= 2);

                holder.rollback(); // A's ALTER now runs on the database, A itself still stopped
                // done, uncommitted ("idle in transaction"), unless the server-side statement timeout ended it first
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                        .until(() -> !"active".equals(state(sql, backendA)));
            } finally {
                if (stopped) {
                    signal("CONT", pidA);
                }
            }
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                        .until(() -> !"pending".equals(as(token).get("/api/v1/tables/" + tableId).then().extract().path("status")));
                assertThat(as(token).get("/api/v1/tables/" + tableId).then().extract().<String>path("status")).isEqualTo("synced");
                List<Map<String, Object>> events = as(token).get("/api/v1/tables/" + tableId + "/events").then().statusCode(200)
                        .extract().jsonPath().getList("$");
                assertThat(events).noneMatch(e -> "ChangeRejected".equals(e.get("type")));
                assertThat(events).filteredOn(e -> "ChangeConfirmed".equals(e.get("type")) && ((Number) e.get("change")).intValue() == 2)
                        .hasSize(1);
                assertThat(committedAlters(sql)).as("ALTER TABLE statements committed on the target").isEqualTo(1);
                assertThat(columns(sql)).containsExactly("id", "late");
            } finally {
                sql.execute("DROP EVENT TRIGGER IF EXISTS hl_it_ddl_log");
                if (serverB != null) {
                    serverB.close();
                }
            }
        }
    }

    /** The target's committed DDL, one row per command, written by an event trigger in the DDL's own transaction. */
    private static void recordCommittedDdl(Statement sql) throws SQLException {
        sql.execute("CREATE TABLE IF NOT EXISTS hl_it_ddl_log (tag text, object text)");
        sql.execute("CREATE OR REPLACE FUNCTION hl_it_log_ddl() RETURNS event_trigger LANGUAGE plpgsql SECURITY DEFINER "
                + "SET search_path = public AS $$ DECLARE c record; BEGIN FOR c IN SELECT * FROM pg_event_trigger_ddl_commands() "
                + "LOOP INSERT INTO hl_it_ddl_log VALUES (c.command_tag, c.object_identity); END LOOP; END $$");
        sql.execute("DROP EVENT TRIGGER IF EXISTS hl_it_ddl_log");
        sql.execute("CREATE EVENT TRIGGER hl_it_ddl_log ON ddl_command_end EXECUTE FUNCTION hl_it_log_ddl()");
    }

    private static long committedAlters(Statement sql) throws SQLException {
        try (ResultSet count = sql.executeQuery("SELECT count(*) FROM hl_it_ddl_log WHERE tag = 'ALTER TABLE' "
                + "AND object = 'public." + TABLE + "'")) {
            count.next();
            return count.getLong(1);
        }
    }

    /** The backend of a schemasync session whose ALTER of the table waits for a lock, or 0. */
    private static int waitingAlter(Statement sql) throws SQLException {
        try (ResultSet row = sql.executeQuery("SELECT pid FROM pg_stat_activity WHERE application_name = 'hybrid-license-schemasync' "
                + "AND wait_event_type = 'Lock' AND query ILIKE 'alter table%" + TABLE + "%'")) {
            return row.next() ? row.getInt(1) : 0;
        }
    }

    private static String state(Statement sql, int backend) throws SQLException {
        try (ResultSet row = sql.executeQuery("SELECT state FROM pg_stat_activity WHERE pid = " + backend)) {
            return row.next() ? row.getString(1) : "gone";
        }
    }

    private static List<String> columns(Statement sql) throws SQLException {
        List<String> names = new java.util.ArrayList<>();
        try (ResultSet rows = sql.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                + "AND table_name = '" + TABLE + "' ORDER BY ordinal_position")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    /** How often the change's outbox row has been claimed, read in the core database. */
    private static int claims(String tableId) throws SQLException {
        Map<String, String> app = PackagedAppEnvironment.appConfig();
        Properties login = new Properties();
        login.setProperty("user", app.get("quarkus.datasource.username"));
        login.setProperty("password", app.get("quarkus.datasource.password"));
        try (Connection core = new org.postgresql.Driver().connect(app.get("quarkus.datasource.jdbc.url"), login);
             PreparedStatement select = core.prepareStatement(
                     "SELECT attempts FROM schemasync.outbox WHERE stream_id = ?::uuid AND change_version = 2")) {
            select.setString(1, tableId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }

    /**
     * The process id of the server under test, from the instance that recorded the table's creation (the only
     * server running then): "host:pid". Checked to be a child of this JVM before it is ever signalled.
     */
    private static long serverPid(String token, String tableId) {
        List<Map<String, Object>> events = as(token).get("/api/v1/tables/" + tableId + "/events").then().statusCode(200)
                .extract().jsonPath().getList("$");
        String instance = events.stream().filter(e -> "ChangeConfirmed".equals(e.get("type")))
                .map(e -> (String) ((Map<?, ?>) e.get("metadata")).get("instance")).findFirst().orElseThrow();
        long pid = Long.parseLong(instance.substring(instance.lastIndexOf(':') + 1));
        assertThat(ProcessHandle.current().descendants().mapToLong(ProcessHandle::pid)).as("processes this test started")
                .contains(pid);
        return pid;
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + signal).isZero();
    }

    private static Connection target(String user, String password) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", user);
        if (password != null) {
            login.setProperty("password", password);
        }
        return new org.postgresql.Driver().connect(PackagedAppEnvironment.targetJdbcUrl(), login);
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** A fresh user of server A, registered from a loopback address of its own (registrations are limited per address). */
    private static String token() {
        String email = "paused-" + UUID.randomUUID() + "@example.test";
        String credentials = "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}";
        LoopbackClient client = LoopbackClient.from("127.0.0.41");
        int port = io.restassured.RestAssured.port;
        assertThat(client.postJson(port, "/api/v1/auth/register", credentials, Map.of()).status()).isEqualTo(201);
        String body = client.postJson(port, "/api/v1/auth/login", credentials, Map.of()).body();
        return io.restassured.path.json.JsonPath.from(body).getString("accessToken");
    }
}
