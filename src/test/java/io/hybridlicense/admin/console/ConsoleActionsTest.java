package io.hybridlicense.admin.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.hybridlicense.testing.ConsoleSessions.Visitor;
import io.hybridlicense.testing.ConsoleSessions;
import io.hybridlicense.testing.Users.Activated;
import io.hybridlicense.testing.Users.TestUser;
import io.hybridlicense.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Console items of the issue that the browser tests do not walk through: the users list's search and
 * pages, reactivating, the admin role, a lockout caused by console sign-ins, and the CSRF token in every
 * post form.
 */
@QuarkusTest
class ConsoleActionsTest {

    private static final Pattern USER_ROW = Pattern.compile("<tr><td><a href=\"/console/admin/users/[0-9a-f-]{36}\">([^<]+)</a>");
    private static final Pattern NEXT_PAGE = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"");

    @Test
    void theUsersList_searchesByEmailPrefix_andPagesOn() {
        String prefix = "paging-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        for (int i = 10; i < 36; i++) { // 26 users: one page of 25 and one more
            Users.aUser().withEmail(prefix + i + "@example.test").register();
        }
        Visitor admin = Visitor.arrive().signedIn(Users.ADMIN_EMAIL, Users.ADMIN_PASSWORD);

        String first = given().cookies(admin.cookies()).queryParam("query", prefix).get("/console/admin/users")
                .then().statusCode(200).extract().asString();
        List<String> firstEmails = emails(first);
        assertThat(firstEmails).hasSize(25).allMatch(email -> email.startsWith(prefix));
        assertThat(firstEmails.get(0)).isEqualTo(prefix + "10@example.test");
        Matcher next = NEXT_PAGE.matcher(first);
        assertThat(next.find()).as("a next-page link").isTrue();

        String second = given().cookies(admin.cookies()).urlEncodingEnabled(false)
                .get(next.group(1).replace("&amp;", "&")).then().statusCode(200).extract().asString();
        assertThat(emails(second)).containsExactly(prefix + "35@example.test");
        assertThat(NEXT_PAGE.matcher(second).find()).as("no next page after the last").isFalse();

        String none = given().cookies(admin.cookies()).queryParam("query", prefix + "x").get("/console/admin/users")
                .then().statusCode(200).extract().asString();
        assertThat(emails(none)).isEmpty();
        assertThat(none).contains("No users found.");
    }

    @Test
    void anAdmin_reactivatesASuspendedLicense() {
        TestUser user = Users.aUser().register();
        Activated license = user.activated();
        String adminToken = TestUser.admin().accessToken();
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("status", "suspended")).patch("/api/v1/licenses/" + license.licenseId()).then().statusCode(200);
        Visitor admin = Visitor.arrive().signedIn(Users.ADMIN_EMAIL, Users.ADMIN_PASSWORD);

        given().cookies(admin.cookies()).formParam("csrf-token", admin.csrfToken()).formParam("status", "active")
                .formParam("version", "1").post("/console/admin/licenses/" + license.licenseId() + "/status")
                .then().statusCode(200).body(containsString("Now active."));
        given().auth().oauth2(adminToken).get("/api/v1/licenses/" + license.licenseId())
                .then().body("status", equalTo("active")).header("ETag", "\"2\"");
    }

    @Test
    void anAdmin_grantsAndRevokesTheAdminRole() {
        TestUser user = Users.aUser().register();
        Visitor admin = Visitor.arrive().signedIn(Users.ADMIN_EMAIL, Users.ADMIN_PASSWORD);
        String role = "/console/admin/users/" + user.userId() + "/admin";

        given().cookies(admin.cookies()).formParam("csrf-token", admin.csrfToken()).formParam("admin", "true").post(role)
                .then().statusCode(200).body(containsString("Now an admin"));
        given().auth().oauth2(user.accessToken()).get("/api/v1/admin/stats/users").then().statusCode(200);

        given().cookies(admin.cookies()).formParam("csrf-token", admin.csrfToken()).formParam("admin", "false").post(role)
                .then().statusCode(200).body(containsString("No longer an admin"));
        given().auth().oauth2(user.accessToken()).get("/api/v1/admin/stats/users").then().statusCode(403);
    }

    @Test
    void anAdmin_signsAUserOutEverywhere_fromTheUsersPage() {
        TestUser user = Users.aUser().register();
        String token = user.accessToken();
        Visitor admin = Visitor.arrive().signedIn(Users.ADMIN_EMAIL, Users.ADMIN_PASSWORD);
        String page = given().cookies(admin.cookies()).get("/console/admin/users/" + user.userId()).then().statusCode(200)
                .extract().asString();
        String action = "/console/admin/users/" + user.userId() + "/sessions/end";
        org.assertj.core.api.Assertions.assertThat(page).contains("action=\"" + action + "\"", "Sign out everywhere");

        given().cookies(admin.cookies()).formParam("csrf-token", admin.csrfToken()).post(action)
                .then().statusCode(200).body(containsString("Signed out everywhere"));

        given().auth().oauth2(token).get("/api/v1/auth/me").then().statusCode(401);
    }

    @Test
    void failedConsoleSignIns_lockTheAccount_inTheConsoleAndTheApi() {
        TestUser user = Users.aUser().register();
        for (int i = 0; i < 5; i++) {
            Visitor.arrive().signIn(user.email(), "wrong password " + i, Users.freshAddress()).then().statusCode(401);
        }
        Response locked = Visitor.arrive().signIn(user.email(), user.password(), Users.freshAddress());
        locked.then().statusCode(429).header("Retry-After", not(equalTo(null)));
        assertThat(locked.cookie("hl_session")).isNull();
        given().contentType(ContentType.JSON).header("X-Forwarded-For", Users.freshAddress())
                .body(Map.of("email", user.email(), "password", user.password()))
                .post("/api/v1/auth/login").then().statusCode(429);
    }

    @Test
    void everyPostForm_carriesTheCsrfToken() {
        TestUser user = Users.aUser().register();
        user.activated();
        Visitor admin = Visitor.arrive().signedIn(Users.ADMIN_EMAIL, Users.ADMIN_PASSWORD);
        Visitor owner = Visitor.arrive().signedIn(user.email(), user.password());
        Map<Visitor, List<String>> pages = Map.of(
                admin, List.of("/console/admin", "/console/admin/users", "/console/admin/users/" + user.userId(),
                        "/console/admin/audit-log"),
                owner, List.of("/console/me", "/console/me/datasources"));
        pages.forEach((session, paths) -> {
            for (String path : paths) {
                String html = given().cookies(session.cookies()).get(path).then().statusCode(200).extract().asString();
                assertThat(html).as(path).contains("method=\"post\"");
                assertThat(ConsoleSessions.postFormsWithoutToken(html, session.csrfToken())).as(path).isEmpty();
            }
        });
        Visitor visitor = Visitor.arrive();
        String signIn = given().cookies(visitor.cookies()).get("/console/sign-in").asString();
        assertThat(ConsoleSessions.postFormsWithoutToken(signIn, ConsoleSessions.tokenIn(signIn))).isEmpty();
    }

    private static List<String> emails(String html) {
        return USER_ROW.matcher(html).results().map(match -> match.group(1)).toList();
    }
}
