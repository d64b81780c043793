package io.hybridlicense.auth.apikey;

import static io.hybridlicense.auth.apikey.ApiKeyFixtures.ADMIN_KEYS;
import static io.hybridlicense.auth.apikey.ApiKeyFixtures.created;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hybridlicense.auth.api.ApiScope;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Table-driven over the OpenAPI document: every operation either declares the scope a key needs (a key
 * without it gets 403 {@code missing-scope} naming it, a key with it gets past the check) or refuses keys
 * (403 {@code api-key-not-allowed}), and only the operations listed here refuse them. A new endpoint that
 * declares nothing fails this test until it declares a scope or is added to {@link #REFUSING}.
 */
@QuarkusTest
class ApiKeyEndpointsTest {

    /** Operations that take other credentials (a password, a license token) or none: keys are refused there. */
    static final Set<String> REFUSING = Set.of(
            "GET /", "POST /api/v1/auth/register", "POST /api/v1/auth/login", "POST /api/v1/auth/logout",
            "POST /api/v1/auth/password", "POST /api/v1/auth/password/temporary", "GET /.well-known/jwks.json", "GET /.well-known/license-keys.json",
            "POST /api/v1/licenses/activate", "POST /api/v1/licenses/validate", "POST /api/v1/licenses/heartbeat",
            "POST /api/v1/licenses/{id}/checkout");

    /**
     * Served by event-loop routes (hl.license.validation.event-loop-route, hl.license.heartbeat.event-loop-route),
     * which read a license token from the body and no caller identity at all: a key neither works nor is
     * checked there. Through the REST resources instead (the routes switched off) they refuse keys like the rest.
     */
    static final Set<String> IGNORING = Set.of("POST /api/v1/licenses/validate", "POST /api/v1/licenses/heartbeat");

    /** The keys' own endpoints: any key, bounded by its own scopes (ApiKeyResourceTest). */
    static final Set<String> ANY_KEY = Set.of(
            "GET /api/v1/api-keys", "POST /api/v1/api-keys", "DELETE /api/v1/api-keys/{id}",
            "GET /api/v1/admin/api-keys", "POST /api/v1/admin/api-keys", "DELETE /api/v1/admin/api-keys/{id}");

    private static final String MISSING = "urn:hybrid-license:problem:missing-scope";
    private static final String NOT_ALLOWED = "urn:hybrid-license:problem:api-key-not-allowed";

    private final List<UUID> keys = new ArrayList<>();
    private String admin;

    @AfterEach
    void revokeKeys() {
        keys.forEach(id -> given().auth().oauth2(admin).delete(ADMIN_KEYS + "/" + id).then().statusCode(204));
    }

    @Test
    void everyOperation_declaresAScope_orRefusesKeys() {
        admin = TestUser.admin().accessToken();
        Map<ApiScope, ApiKeyFixtures.Key> only = new EnumMap<>(ApiScope.class);
        for (ApiScope scope : ApiScope.values()) {
            ApiKeyFixtures.Key key = created(admin, ADMIN_KEYS, scope.wireName());
            keys.add(key.id());
            only.put(scope, key);
        }
        Map<String, String> declared = new TreeMap<>();
        List<String> wrong = new ArrayList<>();

        for (Operation op : operations()) {
            Response withAuditOnly = op.call(only.get(ApiScope.AUDIT_READ));
            Response withWebhooksOnly = op.call(only.get(ApiScope.WEBHOOKS_MANAGE));
            if (ANY_KEY.contains(op.name())) {
                if (refusal(withAuditOnly) != null) {
                    wrong.add(op.name() + ": refused a key");
                }
                continue;
            }
            if (IGNORING.contains(op.name())) {
                continue;
            }
            String first = refusal(withAuditOnly);
            String second = refusal(withWebhooksOnly);
            if (NOT_ALLOWED.equals(first) && NOT_ALLOWED.equals(second)) {
                declared.put(op.name(), "refuses keys");
                if (!REFUSING.contains(op.name()) && !op.path().startsWith("/console") && !op.path().startsWith("/test-probe")) {
                    wrong.add(op.name() + ": declares no scope and is not listed as refusing keys");
                }
                continue;
            }
            Response naming = MISSING.equals(first) ? withAuditOnly : withWebhooksOnly;
            if (!MISSING.equals(refusal(naming))) {
                wrong.add(op.name() + ": neither key was refused (" + withAuditOnly.statusCode() + ", "
                        + withWebhooksOnly.statusCode() + ")");
                continue;
            }
            ApiScope scope = scopeNamedBy(naming.path("detail"));
            declared.put(op.name(), scope.wireName());
            if (refusal(op.call(only.get(scope))) != null) {
                wrong.add(op.name() + ": a key with " + scope.wireName() + " was refused");
            }
        }

        declared.forEach((op, scope) -> System.out.printf("%-60s %s%n", op, scope));
        assertThat(wrong).isEmpty();
        assertThat(declared).containsKeys("GET /api/v1/licenses", "PATCH /api/v1/licenses/{id}",
                "GET /api/v1/admin/audit-logs", "PUT /api/v1/admin/users/{userId}/admin");
        assertThat(declared).containsEntry("GET /api/v1/licenses", "licenses:read")
                .containsEntry("PATCH /api/v1/licenses/{id}", "licenses:write")
                .containsEntry("GET /api/v1/admin/audit-logs", "audit:read")
                .containsEntry("PUT /api/v1/admin/users/{userId}/admin", "users:write")
                .containsEntry("POST /api/v1/auth/login", "refuses keys");
    }

    private static ApiScope scopeNamedBy(String detail) {
        for (ApiScope scope : ApiScope.values()) {
            if (detail.contains(" " + scope.wireName() + " ")) {
                return scope;
            }
        }
        throw new AssertionError("No scope named in: " + detail);
    }

    /** The problem type of a key refusal, or {@code null} when the key got past the check. */
    private static String refusal(Response response) {
        if (response.statusCode() != 403 || !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
            return null;
        }
        String type = response.path("type");
        return MISSING.equals(type) || NOT_ALLOWED.equals(type) ? type : null;
    }

    record Operation(String method, String path, String mediaType) {

        String name() {
            return method + " " + path;
        }

        Response call(ApiKeyFixtures.Key key) {
            RequestSpecification request = given().redirects().follow(false)
                    .header("Authorization", "Bearer " + key.secret());
            if (mediaType != null) {
                request = request.contentType(mediaType).body(mediaType.contains("json") ? "{}" : "");
            }
            return request.request(method, path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString()));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Operation> operations() {
        Map<String, Map<String, Object>> paths = given().accept("application/json").get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((path, item) -> item.forEach((method, op) -> {
            if (!Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                return;
            }
            Map<String, Object> body = (Map<String, Object>) ((Map<String, Object>) op).get("requestBody");
            String mediaType = null;
            if (body != null && body.get("content") instanceof Map<?, ?> content && !content.isEmpty()) {
                mediaType = (String) content.keySet().iterator().next();
            }
            operations.add(new Operation(method.toUpperCase(java.util.Locale.ROOT), path, mediaType));
        }));
        assertThat(operations).hasSizeGreaterThan(40);
        return operations;
    }
}
