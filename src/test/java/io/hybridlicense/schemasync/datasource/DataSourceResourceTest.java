package io.hybridlicense.schemasync.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.hybridlicense.admin.api.AdminApi;
import io.hybridlicense.admin.api.AuditEntryView;
import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.TcpRelay;
import io.hybridlicense.schemasync.TestTargets;
import io.hybridlicense.schemasync.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class DataSourceResourceTest {

    private static final String PASSWORD = "S3cret-" + UUID.randomUUID();

    @Inject
    AdminApi admin;

    @Test
    void register_answersWithoutThePassword_andStoresItEncrypted() throws Exception {
        Api api = Api.asNewUser();
        Map<String, Object> body = new HashMap<>(TestTargets.postgresql().registration());
        body.put("name", "main");
        body.put("password", PASSWORD);
        body.put("options", Map.of("sslmode", "disable"));

        String response = api.request().body(body).post("/api/v1/datasources")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/datasources/"))
                .body("kind", equalTo("postgresql"))
                .body("username", equalTo("postgres"))
                .body("createdAt", notNullValue())
                .body("$", not(org.hamcrest.Matchers.hasKey("password")))
                .extract().asString();
        assertThat(response).doesNotContain(PASSWORD);
        String id = io.restassured.path.json.JsonPath.from(response).getString("datasourceId");

        try (Connection core = TestTargets.connect(TestTargets.coreUrl(), TestTargets.ownerUser(), TestTargets.ownerPassword());
             PreparedStatement select = core.prepareStatement(
                     "SELECT secret, d::text FROM schemasync.datasource d WHERE id = ?::uuid")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                byte[] secret = row.getBytes(1);
                assertThat(secret).hasSizeGreaterThan(PASSWORD.length());
                assertThat(new String(secret, StandardCharsets.ISO_8859_1)).doesNotContain(PASSWORD);
                assertThat(row.getString(2)).doesNotContain(PASSWORD);
            }
        }
        api.request().get("/api/v1/datasources/" + id).then().statusCode(200)
                .body(not(containsString(PASSWORD)));
        assertThat(admin.auditTrailOf("datasource", id)).extracting(AuditEntryView::action).containsExactly("DATASOURCE_REGISTERED");
    }

    static List<Map<String, Object>> invalidRegistrations() {
        Map<String, Object> valid = Map.of("name", "x", "kind", "postgresql", "host", "127.0.0.1", "port", 5432,
                "database", "db", "username", "u", "password", "p");
        return List.of(
                with(valid, "kind", "oracle"),
                with(valid, "host", "127.0.0.1/db?socketFactory=x"),
                with(valid, "host", "evil host"),
                with(valid, "database", "db?sslfactory=org.example.Evil"),
                with(valid, "port", 70000),
                with(valid, "options", Map.of("socketFactory", "org.example.Evil")),
                with(valid, "options", Map.of("sslmode", "whatever")),
                with(valid, "url", "jdbc:postgresql://127.0.0.1/db"),
                Map.of("name", "s", "kind", "sqlite", "file", "../escape.db"),
                Map.of("name", "s", "kind", "sqlite", "file", "/etc/passwd"),
                Map.of("name", "s", "kind", "sqlite", "file", "sub/dir.db"),
                Map.of("name", "s", "kind", "sqlite", "file", "a.db", "host", "127.0.0.1"));
    }

    @ParameterizedTest
    @MethodSource("invalidRegistrations")
    void invalidRegistration_isA400_andNothingIsStored(Map<String, Object> body) {
        Api api = Api.asNewUser();
        String answer = api.request().body(body).post("/api/v1/datasources")
                .then().log().ifValidationFails().statusCode(400)
                .contentType("application/problem+json")
                .body(not(containsString("org.example.Evil")))
                .body(not(containsString("\"p\""))).extract().asString();
        assertThat(answer).doesNotContain("Exception");
        api.request().get("/api/v1/datasources").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void sqliteFiles_ofTwoUsers_neverMeet_evenUnderTheSameName() {
        Api first = Api.asNewUser();
        Api second = Api.asNewUser();
        Map<String, Object> sameFile = Map.of("name", "lite", "kind", "sqlite", "file", "shared.db", "create", true);
        String firstDs = first.request().body(sameFile).post("/api/v1/datasources").then().statusCode(201).extract().path("datasourceId");
        String secondDs = second.request().body(sameFile).post("/api/v1/datasources").then().statusCode(201).extract().path("datasourceId");

        first.synced(first.createTable(firstDs, Map.of("name", "mine")));
        String secondTable = second.createTable(secondDs, Map.of("name", "mine"));
        second.synced(secondTable);
        // had both pointed at one file, the second creation would have found the first one's table
        assertThat(second.events(secondTable)).filteredOn(e -> "ChangeConfirmed".equals(e.get("type")))
                .extracting(e -> (Object) ((Map<?, ?>) e.get("data")).get("alreadyApplied")).containsExactly(false);
        assertThat(TestTargets.sqlite(first).jdbcUrl()).doesNotContain(second.identity().userId());
    }

    @Test
    void anotherUsersDataSource_isA404_butAdminsSeeIt() {
        Api owner = Api.asNewUser();
        String id = owner.register(TestTargets.postgresql());
        Api stranger = Api.asNewUser();

        stranger.request().get("/api/v1/datasources/" + id).then().statusCode(404).contentType("application/problem+json");
        stranger.request().post("/api/v1/datasources/" + id + "/check").then().statusCode(404);
        stranger.request().delete("/api/v1/datasources/" + id).then().statusCode(404);
        stranger.request().get("/api/v1/datasources/" + id + "/tables").then().statusCode(404);
        stranger.request().body(Map.of("name", "t")).post("/api/v1/datasources/" + id + "/tables").then().statusCode(404);
        stranger.request().get("/api/v1/datasources").then().statusCode(200).body("datasourceId", not(hasItem(id)));

        new Api(Tokens.forAdmin()).request().get("/api/v1/datasources").then().statusCode(200).body("datasourceId", hasItem(id));
        owner.request().get("/api/v1/datasources/" + id).then().statusCode(200);
    }

    @Test
    void withoutAToken_isA401() {
        io.restassured.RestAssured.given().get("/api/v1/datasources").then().statusCode(401);
    }

    @Test
    void check_reportsTheServerVersion_orWhyItIsUnreachable() {
        Api api = Api.asNewUser();
        String up = api.register(TestTargets.postgresql());
        api.request().post("/api/v1/datasources/" + up + "/check").then().statusCode(200)
                .body("reachable", equalTo(true)).body("serverVersion", containsString("PostgreSQL"));

        try (TcpRelay closed = new TcpRelay(1)) {
            Map<String, Object> down = new HashMap<>(TestTargets.postgresql().registration());
            down.put("port", closed.port());
            down.put("name", "down");
            String id = api.request().body(down).post("/api/v1/datasources").then().statusCode(201).extract().path("datasourceId");
            api.request().post("/api/v1/datasources/" + id + "/check").then().statusCode(200)
                    .body("reachable", equalTo(false)).body("error", notNullValue());
        }
    }

    @Test
    void delete_isRefusedWhileChangesArePending_thenForgetsTheDataSource() {
        Api api = Api.asNewUser();
        TestTargets.Target target = TestTargets.postgresql();
        try (TcpRelay relay = new TcpRelay(((Number) target.registration().get("port")).intValue())) {
            Map<String, Object> body = new HashMap<>(target.registration());
            body.put("port", relay.port());
            body.put("name", "behind-relay");
            String id = api.request().body(body).post("/api/v1/datasources").then().statusCode(201).extract().path("datasourceId");
            String tableId = api.createTable(id, Map.of("name", "waiting"));

            api.request().delete("/api/v1/datasources/" + id).then().statusCode(409)
                    .body("type", equalTo("urn:hybrid-license:problem:changes-pending"));

            relay.open();
            api.synced(tableId);
            api.request().delete("/api/v1/datasources/" + id).then().statusCode(204);
            api.request().get("/api/v1/datasources/" + id).then().statusCode(404);
            assertThat(target.tables()).contains("waiting");
        }
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
