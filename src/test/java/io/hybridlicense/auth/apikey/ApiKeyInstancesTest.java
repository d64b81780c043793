package io.hybridlicense.auth.apikey;

import static io.hybridlicense.auth.apikey.ApiKeyFixtures.USER_KEYS;
import static io.hybridlicense.auth.apikey.ApiKeyFixtures.created;
import static io.hybridlicense.auth.apikey.ApiKeyFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hybridlicense.platform.notices.DatabaseNotices;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * "Another instance" is anyone who revokes a key in the database and notifies, as a second server process
 * does: this one hears it and refuses the key, while a key in use is read from memory, not per request.
 */
@QuarkusTest
class ApiKeyInstancesTest {

    @Inject
    ApiKeyLookup lookup;
    @Inject
    DataSource database;

    @Test
    void aKeyInUse_isNotReadPerRequest() {
        awaitListening();
        TestUser user = Users.aUser().register();
        ApiKeyFixtures.Key key = created(user.accessToken(), USER_KEYS, "licenses:read");
        with(key).get("/api/v1/licenses").then().statusCode(200);
        long reads = lookup.reads();

        for (int i = 0; i < 50; i++) {
            with(key).get("/api/v1/licenses").then().statusCode(200);
        }

        assertThat(lookup.reads()).isEqualTo(reads);
    }

    @Test
    void aRevocationOnAnotherInstance_isRefusedHereAtOnce() throws SQLException {
        awaitListening();
        TestUser user = Users.aUser().register();
        ApiKeyFixtures.Key key = created(user.accessToken(), USER_KEYS, "licenses:read");
        with(key).get("/api/v1/licenses").then().statusCode(200);

        try (Connection other = database.getConnection()) {
            other.setAutoCommit(false);
            revoke(other, key.id());
            try (PreparedStatement notify = other.prepareStatement("SELECT pg_notify(?, ?)")) {
                notify.setString(1, ApiKeyLookup.CHANNEL);
                notify.setString(2, key.prefix().substring(ApiKeySecrets.SCHEME.length()));
                notify.execute();
            }
            other.commit();
        }
        long revoked = System.nanoTime();

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5))
                .until(() -> with(key).get("/api/v1/licenses").statusCode() == 401);
        System.out.printf("key revoked on another instance -> refused here after %d ms%n", (System.nanoTime() - revoked) / 1_000_000);
    }

    /** Notices sent while the listening connection was down are lost: the cache is not trusted meanwhile. */
    @Test
    void aRevocationMissedWhileNotListening_isRefusedAllTheSame() throws SQLException {
        awaitListening();
        TestUser user = Users.aUser().register();
        ApiKeyFixtures.Key key = created(user.accessToken(), USER_KEYS, "licenses:read");
        with(key).get("/api/v1/licenses").then().statusCode(200);

        try (Connection other = database.getConnection(); PreparedStatement terminate = other.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
            terminate.setString(1, DatabaseNotices.APPLICATION_NAME);
            terminate.execute();
            revoke(other, key.id()); // no notice: nobody would hear it
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> with(key).get("/api/v1/licenses").statusCode() == 401);
        awaitListening();
        with(key).get("/api/v1/licenses").then().statusCode(401);
    }

    private static void revoke(Connection connection, UUID keyId) throws SQLException {
        try (PreparedStatement revoke = connection.prepareStatement("UPDATE auth.api_keys SET revoked_at = now() WHERE id = ?")) {
            revoke.setObject(1, keyId);
            assertThat(revoke.executeUpdate()).isOne();
        }
    }

    private void awaitListening() {
        await().atMost(Duration.ofSeconds(30)).until(lookup::listening);
    }
}
