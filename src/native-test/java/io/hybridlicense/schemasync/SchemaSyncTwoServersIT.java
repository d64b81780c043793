package io.hybridlicense.schemasync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hybridlicense.testing.PackagedAppEnvironment;
import io.hybridlicense.testing.SecondServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two server processes on one core database: the packaged application under test (server A) and a
 * second process of the same package (server B: the native binary or the jar, whichever
 * {@code quarkus.package} produced) started here with A's database and keys
 * ({@link PackagedAppEnvironment}), both with two workers (A's set in the failsafe configuration). 200 changes on 20 tables are requested through
 * B by a user registered on B; both
 * servers claim from the same outbox. Every change must be confirmed exactly once, in order, and
 * both servers must have recorded outcomes.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppEnvironment.class)
class SchemaSyncTwoServersIT {

    private static SecondServer serverB;
    private static int portB;

    @BeforeAll
    static void startSecondServer() throws Exception {
        serverB = SecondServer.start("server-b", Map.of("HL_SCHEMASYNC_WORKERS", "2",
                "HL_SCHEMASYNC_ALLOWED_HOSTS", "public,loopback"));
        portB = serverB.port();
    }

    @AfterAll
    static void stopSecondServer() throws Exception {
        if (serverB != null) {
            serverB.close();
        }
    }

    @Test
    void twoServers_applyEveryChangeOnce_inOrder() throws Exception {
        String token = token();
        String ds = as(token).body(Map.of("name", "shared", "kind", "postgresql", "host", "localhost",
                        "port", PackagedAppEnvironment.targetPort(), "database", PackagedAppEnvironment.TARGET_DATABASE,
                        "username", PackagedAppEnvironment.targetUser(), "password", PackagedAppEnvironment.targetPassword()))
                .post("/api/v1/datasources").then().statusCode(201).extract().path("datasourceId");

        ExecutorService clients = Executors.newFixedThreadPool(20);
        List<String> tables = new ArrayList<>();
        try {
            List<Future<String>> created = new ArrayList<>();
            for (int t = 0; t < 20; t++) {
                String name = "shared_" + t;
                created.add(clients.submit(() -> {
                    String tableId = as(token).body(Map.of("name", name, "columns",
                                    List.of(Map.of("name", "id", "type", "bigint", "primaryKey", true))))
                            .post("/api/v1/datasources/" + ds + "/tables").then().statusCode(202).extract().path("tableId");
                    for (int c = 1; c <= 9; c++) {
                        as(token).body(Map.of("name", "c" + c, "type", "integer")).post("/api/v1/tables/" + tableId + "/columns")
                                .then().statusCode(202);
                    }
                    return tableId;
                }));
            }
            for (Future<String> table : created) {
                tables.add(table.get());
            }
        } finally {
            clients.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> tables.stream()
                .allMatch(id -> as(token).get("/api/v1/tables/" + id).then().extract().<Integer>path("syncedVersion") == 10));

        Set<String> instances = new HashSet<>();
        for (int t = 0; t < 20; t++) {
            List<Map<String, Object>> confirmations = as(token).get("/api/v1/tables/" + tables.get(t) + "/events")
                    .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$").stream()
                    .filter(e -> "ChangeConfirmed".equals(e.get("type"))).toList();
            assertThat(confirmations).extracting(e -> ((Number) e.get("change")).intValue())
                    .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            assertThat(confirmations).extracting(e -> (Object) ((Map<?, ?>) e.get("data")).get("alreadyApplied")).containsOnly(false);
            confirmations.forEach(e -> instances.add((String) ((Map<?, ?>) e.get("metadata")).get("instance")));
            assertThat(columns("shared_" + t)).containsExactly("id", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9");
        }
        assertThat(instances).as("servers that recorded outcomes").hasSize(2);
    }

    private static RequestSpecification as(String token) {
        return given().baseUri("http://127.0.0.1").port(portB).header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON);
    }

    private static List<String> columns(String table) throws Exception {
        Properties login = new Properties();
        login.setProperty("user", PackagedAppEnvironment.targetUser());
        login.setProperty("password", PackagedAppEnvironment.targetPassword());
        try (Connection target = new org.postgresql.Driver().connect(PackagedAppEnvironment.targetJdbcUrl(), login);
             PreparedStatement select = target.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ? "
                        + "ORDER BY ordinal_position")) {
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

    /** A fresh user's access token, issued by server B's auth module. */
    private static String token() {
        String email = "two-servers-" + UUID.randomUUID() + "@example.test";
        String password = "correct horse battery";
        given().baseUri("http://127.0.0.1").port(portB).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/register").then().statusCode(201);
        return given().baseUri("http://127.0.0.1").port(portB).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
    }
}
