package io.hybridlicense.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.agroal.api.AgroalDataSource;
import io.hybridlicense.testing.Metrics;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.Activated;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Every metric of docs/operations.md moves when its action happens, as a Prometheus scrape sees it. */
@QuarkusTest
class MetricsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void validations_areCountedAndTimed_byResultCode() {
        Activated license = Users.aUser().register().activated();
        double valid = Metrics.value("hl_license_validations_seconds_count", Map.of("result", "valid"));
        double invalid = Metrics.value("hl_license_validations_seconds_count", Map.of("result", "invalid_token"));

        validate(license.token(), license.clientId());
        validate(license.token(), license.clientId());
        validate("not-a-token", null);

        String scrape = Metrics.scrape();
        assertThat(Metrics.value(scrape, "hl_license_validations_seconds_count", Map.of("result", "valid"))).isEqualTo(valid + 2);
        assertThat(Metrics.value(scrape, "hl_license_validations_seconds_count", Map.of("result", "invalid_token")))
                .isEqualTo(invalid + 1);
        assertThat(Metrics.value(scrape, "hl_license_validations_seconds_sum", Map.of("result", "valid"))).isPositive();
        assertThat(Metrics.value(scrape, "hl_license_validations_seconds_bucket", Map.of("result", "valid", "le", "1.0")))
                .isEqualTo(valid + 2);
    }

    @Test
    void activations_areCountedByOutcome() {
        TestUser user = Users.aUser().register();
        double created = Metrics.value("hl_license_activations_total", Map.of("result", "created"));
        double existing = Metrics.value("hl_license_activations_total", Map.of("result", "existing"));

        String client = "client-" + UUID.randomUUID();
        user.activate(client).then().statusCode(201);
        user.activate(client).then().statusCode(200);

        String scrape = Metrics.scrape();
        assertThat(Metrics.value(scrape, "hl_license_activations_total", Map.of("result", "created"))).isEqualTo(created + 1);
        assertThat(Metrics.value(scrape, "hl_license_activations_total", Map.of("result", "existing"))).isEqualTo(existing + 1);
    }

    @Test
    void loginFailures_and429s_areCounted() {
        TestUser user = Users.aUser().register();
        double failures = Metrics.value("hl_auth_logins_total", Map.of("result", "failure"));
        double throttled = Metrics.value("hl_auth_logins_total", Map.of("result", "throttled"));
        double http429 = Metrics.value("http_server_requests_seconds_count",
                Map.of("uri", "/api/v1/auth/login", "status", "429"));

        int refused = 0;
        for (int i = 0; i < 8; i++) {
            int status = login(user.email(), "wrong password " + i).statusCode();
            assertThat(status).isIn(401, 429);
            refused += status == 429 ? 1 : 0;
        }

        String scrape = Metrics.scrape();
        assertThat(refused).as("429 answers").isPositive();
        assertThat(Metrics.value(scrape, "hl_auth_logins_total", Map.of("result", "failure"))).isEqualTo(failures + 8 - refused);
        assertThat(Metrics.value(scrape, "hl_auth_logins_total", Map.of("result", "throttled"))).isEqualTo(throttled + refused);
        assertThat(Metrics.value(scrape, "http_server_requests_seconds_count",
                Map.of("uri", "/api/v1/auth/login", "status", "429"))).isEqualTo(http429 + refused);
    }

    @Test
    void outboxDepth_andOldestPendingAge_followThePendingRows() throws SQLException {
        UUID id = UUID.randomUUID();
        insertPendingChange(id);
        try {
            // the reading is kept for 5 s: within a few seconds it shows the new row
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                String scrape = Metrics.scrape();
                assertThat(Metrics.value(scrape, "hl_schemasync_outbox_pending", Map.of())).isGreaterThanOrEqualTo(1);
                assertThat(Metrics.value(scrape, "hl_schemasync_outbox_oldest_pending_age_seconds", Map.of()))
                        .isGreaterThanOrEqualTo(600);
            });
        } finally {
            delete(id);
        }
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(Metrics.value("hl_schemasync_outbox_oldest_pending_age_seconds", Map.of())).isLessThan(600));
    }

    @Test
    void poolUsage_isPublished() {
        String scrape = Metrics.scrape();

        assertThat(Metrics.present(scrape, "agroal_active_count")).isTrue();
        assertThat(Metrics.present(scrape, "agroal_available_count")).isTrue();
        assertThat(Metrics.present(scrape, "agroal_awaiting_count")).isTrue();
        assertThat(Metrics.value(scrape, "agroal_max_used_count", Map.of("datasource", "default"))).isPositive();
    }

    @Test
    void noIdentifierOfAUser_orOfAPath_becomesATag() {
        TestUser user = Users.aUser().register();
        Activated license = user.activated();
        String unknown = UUID.randomUUID().toString();
        given().get("/no/such/" + unknown).then().statusCode(404);
        given().get("/api/v1/licenses/" + unknown + "?q=" + "x".repeat(5000)).then().statusCode(414);
        given().urlEncodingEnabled(false).get("/api/v1/licenses/" + unknown + "%00").then().statusCode(400);
        given().header("Authorization", "Bearer " + user.accessToken()).get("/api/v1/licenses/" + license.licenseId())
                .then().statusCode(200);

        String scrape = Metrics.scrape();

        assertThat(scrape).doesNotContain(unknown).doesNotContain(license.licenseId().toString())
                .doesNotContain(user.email()).doesNotContain(user.userId().toString())
                .doesNotContain("xxxxxxxx")
                .contains("uri=\"/api/v1/licenses/{id}\"")
                .contains("uri=\"" + UnmatchedRoutes.TEMPLATE + "\"");
    }

    @Test
    void everyRouteTemplate_fitsUnderTheUriTagCap() {
        // past the cap Micrometer drops new uri values: an endpoint first called late would go unmeasured
        Set<String> templates = new HashSet<>();
        for (JavaClass resource : new ClassFileImporter().importPackages("io.hybridlicense")) {
            String base = resource.tryGetAnnotationOfType(Path.class).map(Path::value).orElse("");
            for (JavaMethod method : resource.getMethods()) {
                method.tryGetAnnotationOfType(Path.class).ifPresent(path -> templates.add(base + "/" + path.value()));
            }
            if (!base.isEmpty()) {
                templates.add(base);
            }
        }
        int cap = ConfigProvider.getConfig().getValue("quarkus.micrometer.binder.http-server.max-uri-tags", Integer.class);

        assertThat(templates).hasSizeGreaterThan(100);
        assertThat(templates.size() + 1).as("route templates and /{unmatched}").isLessThanOrEqualTo(cap / 2);
    }

    private static void validate(String token, String clientId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("token", token));
        if (clientId != null) {
            body.put("clientId", clientId);
        }
        given().contentType(ContentType.JSON).body(body).post("/api/v1/licenses/validate").then().statusCode(200);
    }

    private static io.restassured.response.Response login(String email, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Users.freshAddress())
                .body(Map.of("email", email, "password", password)).post("/api/v1/auth/login");
    }

    /** A change nobody will claim (its next attempt is far ahead), queued ten minutes ago. */
    private void insertPendingChange(UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO schemasync.outbox (id, stream_id, change_version, datasource_id, change, status, "
                        + "next_attempt_at, created_at) VALUES (?, ?, 1, ?, '{}'::jsonb, 'pending', now() + interval '1 day', "
                        + "now() - interval '10 minutes')")) {
            insert.setObject(1, id);
            insert.setObject(2, UUID.randomUUID());
            insert.setObject(3, UUID.randomUUID());
            insert.executeUpdate();
        }
    }

    private void delete(UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM schemasync.outbox WHERE id = ?")) {
            delete.setObject(1, id);
            delete.executeUpdate();
        }
    }
}
