package io.hybridlicense.auth.apikey;

import static io.hybridlicense.auth.apikey.ApiKeyFixtures.ADMIN_KEYS;
import static io.hybridlicense.auth.apikey.ApiKeyFixtures.USER_KEYS;
import static io.hybridlicense.auth.apikey.ApiKeyFixtures.create;
import static io.hybridlicense.auth.apikey.ApiKeyFixtures.created;
import static io.hybridlicense.auth.apikey.ApiKeyFixtures.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.hybridlicense.admin.api.AdminApi;
import io.hybridlicense.admin.api.AuditEntryView;
import io.hybridlicense.testing.TestClock;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeyResourceTest {

    @Inject
    AdminApi audit;
    @Inject
    DataSource database;
    @Inject
    ApiKeyUsage usage;
    @Inject
    TestClock clock;

    @AfterEach
    void resumeTime() {
        clock.resume();
    }

    @Test
    void aUsersKey_readsTheirLicenses_andIsShownOnce() {
        TestUser user = Users.aUser().register();
        UUID licenseId = user.activated().licenseId();
        String token = user.accessToken();

        Response response = create(token, USER_KEYS, List.of("licenses:read"), null);

        response.then().statusCode(201).header("Cache-Control", containsString("no-store"))
                .body("scopes", equalTo(List.of("licenses:read"))).body("backOffice", equalTo(false));
        String secret = response.path("secret");
        String prefix = response.path("prefix");
        assertThat(secret).matches("hl_[0-9A-Za-z]{12}_[0-9A-Za-z]{43}").startsWith(prefix + "_");
        given().header("Authorization", "Bearer " + secret).get("/api/v1/licenses").then().statusCode(200)
                .body("licenseId", hasItem(licenseId.toString()));
        given().header("Authorization", "Bearer " + secret).get("/api/v1/licenses/" + licenseId).then().statusCode(200);
        given().auth().oauth2(token).get(USER_KEYS).then().statusCode(200)
                .body("find { it.prefix == '" + prefix + "' }.name", not(nullValue()))
                .body(not(containsString(secret.substring(16))));
        assertThat(actions(response.path("id"))).containsExactly("API_KEY_CREATED");
    }

    @Test
    void lastUse_isWrittenInABatch_notByTheRequest() throws Exception {
        TestUser user = Users.aUser().register();
        ApiKeyFixtures.Key key = created(user.accessToken(), USER_KEYS, "licenses:read");

        for (int i = 0; i < 3; i++) {
            with(key).get("/api/v1/licenses").then().statusCode(200);
        }

        assertThat(lastUsed(key.id())).isNull();
        usage.record();
        assertThat(lastUsed(key.id())).isNotNull();
        given().auth().oauth2(user.accessToken()).get(USER_KEYS).then()
                .body("find { it.id == '" + key.id() + "' }.lastUsedAt", not(nullValue()));
    }

    @Test
    void aMissingScope_is403NamingIt_andAudited() {
        TestUser user = Users.aUser().register();
        UUID licenseId = user.activated().licenseId();
        ApiKeyFixtures.Key key = created(user.accessToken(), USER_KEYS, "licenses:read");

        with(key).post("/api/v1/licenses/" + licenseId + "/deactivate").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:hybrid-license:problem:missing-scope"))
                .body("detail", containsString("licenses:write"));

        given().auth().oauth2(user.accessToken()).get("/api/v1/licenses/" + licenseId).then().body("status", equalTo("active"));
        assertThat(actions(key.id().toString())).containsExactly("API_KEY_CREATED", "API_KEY_SCOPE_REFUSED");
    }

    @Test
    void anOperationWithoutAScope_refusesKeys() {
        TestUser user = Users.aUser().register();
        ApiKeyFixtures.Key key = created(user.accessToken(), USER_KEYS, "licenses:read", "users:read");

        with(key).post("/api/v1/auth/logout").then().statusCode(403)
                .body("type", equalTo("urn:hybrid-license:problem:api-key-not-allowed"));
        with(key).get("/api/v1/auth/me").then().statusCode(200).body("email", equalTo(user.email()));
        assertThat(actions(key.id().toString())).contains("API_KEY_OPERATION_REFUSED");
    }

    @Test
    void aRevokedKey_is401OnTheNextRequest_andItsUseAudited() {
        TestUser user = Users.aUser().register();
        ApiKeyFixtures.Key key = created(user.accessToken(), USER_KEYS, "licenses:read");
        with(key).get("/api/v1/licenses").then().statusCode(200);

        given().auth().oauth2(user.accessToken()).delete(USER_KEYS + "/" + key.id()).then().statusCode(204);

        with(key).get("/api/v1/licenses").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(user.accessToken()).get(USER_KEYS).then()
                .body("find { it.id == '" + key.id() + "' }.revokedAt", not(nullValue()));
        assertThat(actions(key.id().toString())).containsExactly("API_KEY_CREATED", "API_KEY_REVOKED", "API_KEY_REVOKED_USED");
    }

    @Test
    void anotherUsersKey_cannotBeRevoked() {
        TestUser owner = Users.aUser().register();
        TestUser other = Users.aUser().register();
        ApiKeyFixtures.Key key = created(owner.accessToken(), USER_KEYS, "licenses:read");

        given().auth().oauth2(other.accessToken()).delete(USER_KEYS + "/" + key.id()).then().statusCode(404);
        given().auth().oauth2(TestUser.admin().accessToken()).delete(ADMIN_KEYS + "/" + key.id()).then().statusCode(404);

        with(key).get("/api/v1/licenses").then().statusCode(200);
    }

    @Test
    void anExpiredKey_is401() {
        TestUser user = Users.aUser().register();
        Response response = create(user.accessToken(), USER_KEYS, List.of("licenses:read"), clock.now().plusSeconds(60));
        ApiKeyFixtures.Key key = new ApiKeyFixtures.Key(UUID.fromString(response.path("id")), response.path("prefix"),
                response.path("secret"));
        with(key).get("/api/v1/licenses").then().statusCode(200);

        clock.stop();
        clock.advance(Duration.ofSeconds(61));

        with(key).get("/api/v1/licenses").then().statusCode(401);
    }

    @Test
    void anExpiryInThePast_is422() {
        TestUser user = Users.aUser().register();

        create(user.accessToken(), USER_KEYS, List.of("licenses:read"), Instant.now().minusSeconds(1)).then().statusCode(422)
                .body("type", equalTo("urn:hybrid-license:problem:expiry-not-in-future"));
    }

    @Test
    void aWrongSecretWithTheRightPrefix_is401_andCountsTowardTheAddressLimit() {
        TestUser user = Users.aUser().register();
        ApiKeyFixtures.Key key = created(user.accessToken(), USER_KEYS, "licenses:read");
        String wrong = key.secret().substring(0, key.secret().length() - 1) + (key.secret().endsWith("A") ? "B" : "A");
        String address = Users.freshAddress();

        for (int i = 0; i < 20; i++) {
            given().header("X-Forwarded-For", address).header("Authorization", "Bearer " + wrong)
                    .get("/api/v1/licenses").then().statusCode(401);
        }

        given().header("X-Forwarded-For", address).header("Authorization", "Bearer " + wrong)
                .get("/api/v1/licenses").then().statusCode(429).header("Retry-After", not(nullValue()));
        given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("email", user.email(), "password", "wrong password")).post("/api/v1/auth/login")
                .then().statusCode(429);
        given().header("X-Forwarded-For", address).header("Authorization", "Bearer " + key.secret())
                .get("/api/v1/licenses").then().statusCode(200); // a valid key is never held back
    }

    @Test
    void aUser_cannotGiveAKeyAnAdminOnlyScope_norAnUnknownOne() {
        TestUser user = Users.aUser().register();

        create(user.accessToken(), USER_KEYS, List.of("licenses:read", "users:write", "audit:read"), null).then()
                .statusCode(403).body("type", equalTo("urn:hybrid-license:problem:scope-not-allowed"))
                .body("detail", containsString("users:write")).body("detail", containsString("audit:read"));
        create(user.accessToken(), USER_KEYS, List.of("<script>alert(1)</script>"), null).then().statusCode(422)
                .body("type", equalTo("urn:hybrid-license:problem:unknown-scope"))
                .body(not(containsString("script")));
        given().auth().oauth2(user.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "scopes", List.of("users:read"))).post(ADMIN_KEYS).then().statusCode(403);
        given().auth().oauth2(user.accessToken()).get(USER_KEYS).then().body("size()", equalTo(0));
    }

    @Test
    void aKey_cannotCreateAKeyWithMoreScopesThanItHas_norALongerLife() {
        TestUser user = Users.aUser().register();
        ApiKeyFixtures.Key key = created(user.accessToken(), USER_KEYS, "licenses:read");

        with(key).contentType(ContentType.JSON).body(Map.of("name", "wider", "scopes", List.of("licenses:read", "licenses:write")))
                .post(USER_KEYS).then().statusCode(403)
                .body("type", equalTo("urn:hybrid-license:problem:scope-not-allowed"))
                .body("detail", containsString("licenses:write"));
        String narrower = with(key).contentType(ContentType.JSON)
                .body(Map.of("name", "same", "scopes", List.of("licenses:read")))
                .post(USER_KEYS).then().statusCode(201).extract().path("secret");
        given().header("Authorization", "Bearer " + narrower).get("/api/v1/licenses").then().statusCode(200);

        ApiKeyFixtures.Key wide = created(user.accessToken(), USER_KEYS, "licenses:read", "licenses:write");
        with(key).delete(USER_KEYS + "/" + wide.id()).then().statusCode(403);
        with(wide).get("/api/v1/licenses").then().statusCode(200);
    }

    @Test
    void aShortLivedKey_cannotCreateALongerLivedOne() {
        TestUser user = Users.aUser().register();
        Instant expiry = Instant.now().plus(Duration.ofHours(1));
        Response made = create(user.accessToken(), USER_KEYS, List.of("licenses:read"), expiry);
        String secret = made.path("secret");

        given().header("Authorization", "Bearer " + secret).contentType(ContentType.JSON)
                .body(Map.of("name", "eternal", "scopes", List.of("licenses:read"))).post(USER_KEYS).then().statusCode(403)
                .body("type", equalTo("urn:hybrid-license:problem:expiry-not-allowed"));
    }

    @Test
    void aBackOfficeKey_actsAsItsAdmin_withinItsScopes() {
        String admin = TestUser.admin().accessToken();
        TestUser user = Users.aUser().register();
        ApiKeyFixtures.Key key = created(admin, ADMIN_KEYS, "users:read", "licenses:read");

        with(key).get("/api/v1/admin/users/" + user.userId()).then().statusCode(200);
        with(key).put("/api/v1/admin/users/" + user.userId() + "/admin").then().statusCode(403)
                .body("detail", containsString("users:write"));
        with(key).get("/api/v1/admin/audit-logs").then().statusCode(403).body("detail", containsString("audit:read"));
        given().auth().oauth2(admin).get(ADMIN_KEYS).then().statusCode(200).body("id", hasItem(key.id().toString()));

        ApiKeyFixtures.Key usersKey = created(admin, USER_KEYS, "users:read");
        with(usersKey).get("/api/v1/admin/users/" + user.userId()).then().statusCode(403); // a user's key of an admin: no admin role
        // the test database outlives a run: the admin's keys are revoked, or they would add up to the per-owner limit
        given().auth().oauth2(admin).delete(ADMIN_KEYS + "/" + key.id()).then().statusCode(204);
        given().auth().oauth2(admin).delete(USER_KEYS + "/" + usersKey.id()).then().statusCode(204);
        with(key).get("/api/v1/admin/users/" + user.userId()).then().statusCode(401);
    }

    /** A back-office key carries its owner's admin role only while the owner has it, on the next request. */
    @Test
    void aBackOfficeKey_losesTheAdminRole_withItsOwner() {
        String admin = TestUser.admin().accessToken();
        TestUser user = Users.aUser().register();
        given().auth().oauth2(admin).put("/api/v1/admin/users/" + user.userId() + "/admin").then().statusCode(200);
        ApiKeyFixtures.Key key = created(user.accessToken(), ADMIN_KEYS, "users:read");
        with(key).get("/api/v1/admin/users").then().statusCode(200);

        given().auth().oauth2(admin).delete("/api/v1/admin/users/" + user.userId() + "/admin").then().statusCode(200);

        with(key).get("/api/v1/admin/users").then().statusCode(403).body("type", equalTo("urn:hybrid-license:problem:forbidden"));
        with(key).get("/api/v1/auth/me").then().statusCode(200);
    }

    @Test
    void onlyTheHash_isStored() throws Exception {
        TestUser user = Users.aUser().register();
        ApiKeyFixtures.Key key = created(user.accessToken(), USER_KEYS, "licenses:read");

        try (Connection connection = database.getConnection();
             PreparedStatement read = connection.prepareStatement(
                     "SELECT secret_hash, to_jsonb(k)::text FROM auth.api_keys k WHERE id = ?")) {
            read.setObject(1, key.id());
            try (ResultSet row = read.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getBytes(1)).isEqualTo(MessageDigest.getInstance("SHA-256")
                        .digest(key.secret().getBytes(StandardCharsets.US_ASCII)));
                assertThat(row.getString(2)).doesNotContain(key.secret().substring(16));
            }
        }
        try (Connection connection = database.getConnection();
             PreparedStatement read = connection.prepareStatement(
                     "SELECT count(*) FROM admin.audit_log WHERE details::text LIKE ?")) {
            read.setString(1, "%" + key.secret().substring(16) + "%");
            try (ResultSet row = read.executeQuery()) {
                row.next();
                assertThat(row.getInt(1)).isZero();
            }
        }
    }

    @Test
    void theLookupByPrefix_usesItsIndex() throws Exception {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement off = connection.prepareStatement("SET LOCAL enable_seqscan = off")) {
                off.execute();
            }
            try (PreparedStatement explain = connection.prepareStatement(
                    "EXPLAIN SELECT * FROM auth.api_keys WHERE prefix = 'AAAAAAAAAAAA'"); ResultSet plan = explain.executeQuery()) {
                StringBuilder text = new StringBuilder();
                while (plan.next()) {
                    text.append(plan.getString(1)).append('\n');
                }
                assertThat(text.toString()).contains("api_keys_prefix");
            }
            connection.rollback();
        }
    }

    /** Every request that starts after the revocation answered is refused; none before it is held up. */
    @Test
    void parallelUseAndRevoke_nothingPassesAfterTheRevocation() throws Exception {
        TestUser user = Users.aUser().register();
        String token = user.accessToken();
        ApiKeyFixtures.Key key = created(token, USER_KEYS, "licenses:read");
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<List<long[]>>> users = new ArrayList<>();
        try {
            for (int t = 0; t < 6; t++) {
                users.add(pool.submit(() -> {
                    List<long[]> seen = new ArrayList<>();
                    while (!stop.get()) {
                        long started = System.nanoTime();
                        int status = with(key).get("/api/v1/licenses").statusCode();
                        seen.add(new long[] {started, status});
                    }
                    return seen;
                }));
            }
            Thread.sleep(300);
            given().auth().oauth2(token).delete(USER_KEYS + "/" + key.id()).then().statusCode(204);
            long revoked = System.nanoTime();
            Thread.sleep(300);
            stop.set(true);
            List<long[]> after = new ArrayList<>();
            int before = 0;
            for (Future<List<long[]>> f : users) {
                for (long[] seen : f.get(30, TimeUnit.SECONDS)) {
                    if (seen[0] > revoked) {
                        after.add(seen);
                    } else if (seen[1] == 200) {
                        before++;
                    }
                }
            }
            assertThat(before).isPositive();
            assertThat(after).isNotEmpty().allSatisfy(seen -> assertThat(seen[1]).isEqualTo(401));
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    private List<String> actions(String keyId) {
        return audit.auditTrailOf("api_key", keyId).stream().map(AuditEntryView::action).toList();
    }

    private Instant lastUsed(UUID keyId) throws Exception {
        try (Connection connection = database.getConnection();
             PreparedStatement read = connection.prepareStatement("SELECT last_used_at FROM auth.api_keys WHERE id = ?")) {
            read.setObject(1, keyId);
            try (ResultSet row = read.executeQuery()) {
                row.next();
                java.sql.Timestamp at = row.getTimestamp(1);
                return at == null ? null : at.toInstant();
            }
        }
    }
}
