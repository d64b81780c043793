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
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminRoleTest {

    @Inject
    AdminApi audit;

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
}
