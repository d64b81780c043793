package io.hybridlicense.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybridlicense.admin.api.AdminApi;
import io.hybridlicense.admin.api.AuditEntryView;
import io.hybridlicense.testing.Json;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.hybridlicense.testing.Concurrently;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminRoleTest {

    private static final int ROUNDS = 20;

    @Inject
    AdminApi audit;
    @Inject
    DataSource database;

    @Test
    void firstAdmin_isCreatedFromConfiguration() {
        JsonNode claims = Json.jwtClaims(TestUser.admin().accessToken());

        assertThat(claims.get("groups")).extracting(JsonNode::asText).contains("admin", "user");
    }

    @Test
    void admins_grantAndRevokeTheAdminRole_audited() {
        String adminToken = TestUser.admin().accessToken();
        TestUser user = Users.aUser().register();

        given().auth().oauth2(adminToken).put("/api/v1/admin/users/" + user.userId() + "/admin")
                .then().statusCode(200).body("roles", hasItem("admin"));
        assertThat(Json.jwtClaims(user.accessToken()).get("groups")).extracting(JsonNode::asText).contains("admin");

        given().auth().oauth2(adminToken).delete("/api/v1/admin/users/" + user.userId() + "/admin")
                .then().statusCode(200).body("roles", equalTo(List.of("user")));
        assertThat(Json.jwtClaims(user.accessToken()).get("groups")).extracting(JsonNode::asText).containsExactly("user");

        assertThat(audit.auditTrailOf("user", user.userId().toString())).extracting(AuditEntryView::action)
                .containsExactly("USER_REGISTERED", "ADMIN_ROLE_GRANTED", "ADMIN_ROLE_REVOKED");
    }

    @Test
    void users_cannotGrantThemselvesAdmin() {
        TestUser user = Users.aUser().register();

        given().auth().oauth2(user.accessToken()).put("/api/v1/admin/users/" + user.userId() + "/admin")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void grantingToAnUnknownUser_is404() {
        given().auth().oauth2(TestUser.admin().accessToken())
                .put("/api/v1/admin/users/" + java.util.UUID.randomUUID() + "/admin")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theOnlyAdmin_cannotLoseTheRole_409() throws SQLException {
        try {
            onlyTheFirstAdminIsAdmin();
            UUID firstAdmin = firstAdminId();

            given().auth().oauth2(TestUser.admin().accessToken()).delete("/api/v1/admin/users/" + firstAdmin + "/admin")
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("urn:hybrid-license:problem:last-admin"));
            assertThat(admins()).containsExactly(firstAdmin);
        } finally {
            restoreFirstAdmin();
        }
    }

    /**
     * Two admins revoke each other at the same instant, many times, in both orders of submission: one
     * revocation wins, the other is refused as the last admin's, and one admin is always left.
     */
    @Test
    void twoAdminsRevokingEachOtherAtOnce_leaveOneAdmin() throws Exception {
        try {
            onlyTheFirstAdminIsAdmin();
            UUID firstAdmin = firstAdminId();
            List<Integer> firstWins = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                String firstToken = TestUser.admin().accessToken();
                TestUser other = Users.aUser().register();
                given().auth().oauth2(firstToken).put("/api/v1/admin/users/" + other.userId() + "/admin").then().statusCode(200);
                String otherToken = other.accessToken();
                boolean firstGoesFirst = round % 2 == 0;

                List<Integer> statuses = Concurrently.run(2, i -> (i == 0) == firstGoesFirst
                        ? revoke(firstToken, other.userId()).statusCode()
                        : revoke(otherToken, firstAdmin).statusCode());

                assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(200, 409);
                List<UUID> left = admins();
                assertThat(left).as("round %d", round).hasSize(1);
                if (left.contains(firstAdmin)) {
                    firstWins.add(round);
                } else {
                    given().auth().oauth2(otherToken).put("/api/v1/admin/users/" + firstAdmin + "/admin").then().statusCode(200);
                    revoke(TestUser.admin().accessToken(), other.userId()).then().statusCode(200);
                }
            }
            System.out.printf("last-admin race: the first admin's revocation won %d of %d rounds%n",
                    firstWins.size(), ROUNDS);
        } finally {
            restoreFirstAdmin();
        }
    }

    private static Response revoke(String token, UUID userId) {
        return given().auth().oauth2(token).delete("/api/v1/admin/users/" + userId + "/admin");
    }

    /** Admins left over by other tests (the test database outlives a run) are revoked first. */
    private void onlyTheFirstAdminIsAdmin() throws SQLException {
        String token = TestUser.admin().accessToken();
        UUID firstAdmin = firstAdminId();
        for (UUID admin : admins()) {
            if (!admin.equals(firstAdmin)) {
                revoke(token, admin).then().statusCode(200);
            }
        }
    }

    /** Whatever happened, later tests need the configured admin. */
    private void restoreFirstAdmin() throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE auth.users SET admin = true WHERE lower(email) = '" + Users.ADMIN_EMAIL + "'");
        }
    }

    private UUID firstAdminId() throws SQLException {
        return query("SELECT id FROM auth.users WHERE lower(email) = '" + Users.ADMIN_EMAIL + "'").get(0);
    }

    private List<UUID> admins() throws SQLException {
        return query("SELECT id FROM auth.users WHERE admin");
    }

    private List<UUID> query(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<UUID> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
            return ids;
        }
    }
}
