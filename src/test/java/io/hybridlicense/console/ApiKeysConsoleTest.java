package io.hybridlicense.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hybridlicense.testing.ConsoleSessions;
import io.hybridlicense.testing.ConsoleSessions.Visitor;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console's API-keys page: list, create (the secret shown once), revoke; back-office keys for admins. */
@QuarkusTest
class ApiKeysConsoleTest {

    private static final String PAGE = "/console/me/api-keys";
    private static final Pattern SECRET = Pattern.compile("id=\"secret\">(hl_[0-9A-Za-z]{12}_[0-9A-Za-z]{43})<");
    private static final Pattern REVOKE = Pattern.compile("action=\"(/console/me/api-keys/[0-9a-f-]{36}/revoke)\"");

    @Test
    void aUser_createsAKey_seesItsSecretOnce_andRevokesIt() {
        TestUser user = Users.aUser().register();
        Visitor session = Visitor.arrive().signedIn(user.email(), user.password());
        String empty = page(session).then().statusCode(200).extract().asString();
        assertThat(empty).contains("No keys yet").doesNotContain("Back-office keys");
        assertThat(ConsoleSessions.postFormsWithoutToken(empty, session.csrfToken())).isEmpty();

        Response created = form(session).formParam("name", "billing server").formParam("scope", "licenses:read")
                .formParam("backOffice", "false").post(PAGE);

        created.then().statusCode(201).header("Cache-Control", "no-store");
        Matcher secret = SECRET.matcher(created.asString());
        assertThat(secret.find()).isTrue();
        given().header("X-Forwarded-For", Users.freshAddress()).header("Authorization", "Bearer " + secret.group(1)).get("/api/v1/licenses").then().statusCode(200);
        String listed = page(session).then().statusCode(200).extract().asString();
        assertThat(listed).contains("billing server", secret.group(1).substring(0, 15), "licenses:read")
                .doesNotContain(secret.group(1));

        Matcher revoke = REVOKE.matcher(listed);
        assertThat(revoke.find()).isTrue();
        form(session).formParam("backOffice", "false").post(revoke.group(1)).then().statusCode(303);
        given().header("X-Forwarded-For", Users.freshAddress()).header("Authorization", "Bearer " + secret.group(1)).get("/api/v1/licenses").then().statusCode(401);
        assertThat(page(session).asString()).contains("revoked");
    }

    @Test
    void aUser_cannotCreateBackOfficeKeys_norAdminOnlyScopes() {
        TestUser user = Users.aUser().register();
        Visitor session = Visitor.arrive().signedIn(user.email(), user.password());

        form(session).formParam("name", "x").formParam("scope", "licenses:read").formParam("backOffice", "true").post(PAGE)
                .then().statusCode(403);
        String refused = form(session).formParam("name", "x").formParam("scope", "audit:read").formParam("backOffice", "false")
                .post(PAGE).then().statusCode(403).extract().asString();
        assertThat(refused).contains("audit:read").doesNotContain("id=\"secret\"");
    }

    @Test
    void anAdmin_managesBackOfficeKeys() {
        TestUser admin = TestUser.admin();
        Visitor session = Visitor.arrive().signedIn(admin.email(), admin.password());
        assertThat(page(session).asString()).contains("Back-office keys", "audit:read");

        Response created = form(session).formParam("name", "crm").formParam("scope", "users:read")
                .formParam("backOffice", "true").post(PAGE);

        created.then().statusCode(201);
        Matcher secret = SECRET.matcher(created.asString());
        assertThat(secret.find()).isTrue();
        given().header("X-Forwarded-For", Users.freshAddress()).header("Authorization", "Bearer " + secret.group(1)).get("/api/v1/admin/users").then().statusCode(200);
        String id = given().auth().oauth2(admin.accessToken()).get("/api/v1/admin/api-keys").then().extract()
                .path("find { it.prefix == '" + secret.group(1).substring(0, 15) + "' }.id");
        form(session).formParam("backOffice", "true").post(PAGE + "/" + id + "/revoke").then().statusCode(303);
        given().header("X-Forwarded-For", Users.freshAddress()).header("Authorization", "Bearer " + secret.group(1)).get("/api/v1/admin/users").then().statusCode(401);
    }

    private static Response page(Visitor session) {
        return given().cookies(session.cookies()).get(PAGE);
    }

    private static RequestSpecification form(Visitor session) {
        return given().redirects().follow(false).cookies(session.cookies()).formParam("csrf-token", session.csrfToken());
    }
}
