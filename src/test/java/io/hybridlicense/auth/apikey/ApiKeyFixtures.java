package io.hybridlicense.auth.apikey;

import static io.restassured.RestAssured.given;

import io.hybridlicense.testing.Users;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Keys made over HTTP for the tests. */
final class ApiKeyFixtures {

    static final String USER_KEYS = "/api/v1/api-keys";
    static final String ADMIN_KEYS = "/api/v1/admin/api-keys";

    private ApiKeyFixtures() {
    }

    record Key(UUID id, String prefix, String secret) {
    }

    static Response create(String bearer, String path, List<String> scopes, Instant expiresAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "key " + UUID.randomUUID());
        body.put("scopes", scopes);
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        return given().auth().oauth2(bearer).contentType(ContentType.JSON).body(body).post(path);
    }

    static Key created(String bearer, String path, String... scopes) {
        Response response = create(bearer, path, List.of(scopes), null);
        if (response.statusCode() != 201) {
            throw new AssertionError("Key not created: " + response.statusCode() + " " + response.asString());
        }
        return new Key(UUID.fromString(response.path("id")), response.path("prefix"), response.path("secret"));
    }

    /**
     * From a fresh client address: a revoked key's use counts toward its address's rate limit, and the
     * tests' own 127.0.0.1 must stay clear for every other test.
     */
    static RequestSpecification with(Key key) {
        return given().header("X-Forwarded-For", Users.freshAddress()).header("Authorization", "Bearer " + key.secret());
    }
}
