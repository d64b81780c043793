package io.hybridlicense.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.hybridlicense.testing.ConsoleSessions.Visitor;
import io.hybridlicense.testing.Users.Activated;
import io.hybridlicense.testing.Users.TestUser;
import io.hybridlicense.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console over plain HTTP: entrance, session cookie, sign-in limits, CSRF, authorisation, CSP. */
@QuarkusTest
class ConsoleResourceTest {

    @Test
    void root_andConsole_leadSignedOutVisitorsToSignIn() {
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/console"));
        given().redirects().follow(false).get("/console").then().statusCode(303).header("Location", endsWith("/console/sign-in"));
        for (String page : List.of("/console/admin", "/console/admin/users", "/console/admin/audit-log", "/console/me")) {
            given().redirects().follow(false).get(page).then().statusCode(303)
                    .header("Location", endsWith("/console/sign-in"));
        }
    }

    @Test
    void anExpiredOrForgedSessionCookie_leadsToSignIn_andIsDropped() {
        given().redirects().follow(false).cookie("hl_session", "not.a.token").get("/console/me")
                .then().statusCode(303).header("Location", endsWith("/console/sign-in"));
        assertThat(sessionCookie(given().redirects().follow(false).cookie("hl_session", "not.a.token").get("/console/me")))
                .startsWith("hl_session=; Path=/console; Max-Age=0");
    }

    /** One answer for signed-out callers: console pages (every module's) lead to sign-in, the API answers 401. */
    @Test
    void signedOutConsolePages_leadToSignIn_whileTheApiAnswers401ProblemJson() {
        for (String page : List.of("/console/me/datasources", "/console/me/tables/" + java.util.UUID.randomUUID())) {
            Response answer = given().redirects().follow(false).cookie("hl_session", "not.a.token").get(page);
            answer.then().statusCode(303).header("Location", endsWith("/console/sign-in"));
            assertThat(sessionCookie(answer)).startsWith("hl_session=; Path=/console; Max-Age=0");
        }
        for (String api : List.of("/api/v1/auth/me", "/api/v1/datasources", "/api/v1/admin/stats/users")) {
            given().redirects().follow(false).get(api).then().statusCode(401)
                    .contentType("application/problem+json").header("WWW-Authenticate", "Bearer")
                    .header("Set-Cookie", org.hamcrest.Matchers.nullValue()).body("status", equalTo(401));
            given().redirects().follow(false).auth().oauth2("forged").get(api).then().statusCode(401)
                    .contentType("application/problem+json").body("instance", equalTo(api));
        }
    }

    @Test
    void signIn_setsAnHttpOnlyStrictSessionCookie_forTheConsoleOnly_securedBehindHttps() {
        TestUser user = Users.aUser().register();
        Response plain = Visitor.arrive().signIn(user.email(), user.password(), Users.freshAddress());
        plain.then().statusCode(303).header("Location", endsWith("/console"));
        String cookie = sessionCookie(plain);
        assertThat(cookie).startsWith("hl_session=ey").contains("; Path=/console", "; HttpOnly", "; SameSite=Strict")
                .doesNotContain("Secure");

        Visitor visitor = Visitor.arrive();
        Response overHttps = given().redirects().follow(false).cookies(visitor.cookies())
                .header("X-Forwarded-For", Users.freshAddress()).header("X-Forwarded-Proto", "https")
                .formParam("csrf-token", visitor.csrfToken()).formParam("email", user.email())
                .formParam("password", user.password()).post("/console/sign-in");
        assertThat(sessionCookie(overHttps)).contains("; Secure", "; HttpOnly", "; SameSite=Strict");
    }

    @Test
    void signOut_dropsTheSession() {
        TestUser user = Users.aUser().register();
        Visitor session = Visitor.arrive().signedIn(user.email(), user.password());
        given().redirects().follow(false).cookies(session.cookies()).formParam("csrf-token", session.csrfToken())
                .post("/console/sign-out").then().statusCode(303).header("Location", endsWith("/console/sign-in"));
        assertThat(sessionCookie(given().redirects().follow(false).cookies(session.cookies())
                .formParam("csrf-token", session.csrfToken()).post("/console/sign-out")))
                .startsWith("hl_session=; Path=/console; Max-Age=0");
    }

    @Test
    void wrongPassword_isRefusedOnThePage_withoutACookie() {
        TestUser user = Users.aUser().register();
        Response refused = Visitor.arrive().signIn(user.email(), "wrong password", Users.freshAddress());
        refused.then().statusCode(401).contentType(ContentType.HTML)
                .body(containsString("The email or the password is wrong"));
        assertThat(refused.cookie("hl_session")).isNull();
    }

    @Test
    void failedLogins_throughTheApi_lockTheConsoleSignInToo() {
        TestUser user = Users.aUser().register();
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", Users.freshAddress())
                    .body(Map.of("email", user.email(), "password", "wrong password " + i))
                    .post("/api/v1/auth/login").then().statusCode(401);
        }
        Response locked = Visitor.arrive().signIn(user.email(), user.password(), Users.freshAddress());
        locked.then().statusCode(429).header("Retry-After", not(equalTo(null)))
                .body(containsString("Too many failed attempts"));
        assertThat(locked.cookie("hl_session")).isNull();
    }

    @Test
    void aFormPostWithoutTheCsrfToken_isRefused_andChangesNothing() {
        TestUser user = Users.aUser().register();
        Activated license = user.activated();
        Visitor session = Visitor.arrive().signedIn(user.email(), user.password());
        String deactivate = "/console/me/licenses/" + license.licenseId() + "/deactivate";

        given().cookies(session.cookies()).contentType(ContentType.URLENC).formParam("confirm", "yes")
                .post(deactivate).then().statusCode(400);
        given().cookies(session.cookies()).formParam("csrf-token", "AAAAAAAAAAAAAAAAAAAAAA")
                .post(deactivate).then().statusCode(400);
        given().cookies(session.cookies()).header("X-CSRF-TOKEN", "AAAAAAAAAAAAAAAAAAAAAA")
                .contentType(ContentType.URLENC).formParam("x", "y").post(deactivate).then().statusCode(400);
        given().auth().oauth2(user.accessToken()).get("/api/v1/licenses/" + license.licenseId())
                .then().body("status", equalTo("active"));

        // the same post with the token (as htmx sends it, in the header) is accepted
        given().cookies(session.cookies()).header("X-CSRF-TOKEN", session.csrfToken())
                .contentType(ContentType.URLENC).formParam("x", "y").post(deactivate).then().statusCode(200)
                .body(containsString("Deactivated"));
        given().auth().oauth2(user.accessToken()).get("/api/v1/licenses/" + license.licenseId())
                .then().body("status", equalTo("deactivated"));
    }

    @Test
    void nonAdmins_get403_onEveryAdminPageAndAction() {
        TestUser user = Users.aUser().register();
        Activated license = user.activated();
        Visitor session = Visitor.arrive().signedIn(user.email(), user.password());
        for (String page : List.of("/console/admin", "/console/admin/users", "/console/admin/users/" + user.userId(),
                "/console/admin/audit-log", "/console/admin/audit-log.csv")) {
            given().redirects().follow(false).cookies(session.cookies()).get(page).then().statusCode(403)
                    .contentType(ContentType.HTML).body(containsString("for admins only"));
        }
        given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken()).formParam("status", "revoked")
                .formParam("version", "0").post("/console/admin/licenses/" + license.licenseId() + "/status")
                .then().statusCode(403);
        given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken()).formParam("admin", "true")
                .post("/console/admin/users/" + user.userId() + "/admin").then().statusCode(403);
        given().auth().oauth2(user.accessToken()).get("/api/v1/admin/stats/users").then().statusCode(403);
        given().auth().oauth2(user.accessToken()).get("/api/v1/licenses/" + license.licenseId())
                .then().body("status", equalTo("active"));
    }

    @Test
    void userPages_areTheCallersOwn_andAnotherUsersLicenseCannotBeDeactivated() {
        TestUser owner = Users.aUser().register();
        Activated theirs = owner.activated();
        TestUser other = Users.aUser().register();
        Visitor session = Visitor.arrive().signedIn(other.email(), other.password());
        given().cookies(session.cookies()).get("/console/me").then().statusCode(200)
                .body(containsString(other.email()), not(containsString(theirs.clientId())));
        given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken())
                .post("/console/me/licenses/" + theirs.licenseId() + "/deactivate").then().statusCode(404);
        given().auth().oauth2(owner.accessToken()).get("/api/v1/licenses/" + theirs.licenseId())
                .then().body("status", equalTo("active"));
    }

    @Test
    void aUserDownloadsTheLicenseFileOfTheirOwnActiveMachine_only() {
        TestUser owner = Users.aUser().register();
        Activated machine = owner.activated();
        Visitor session = Visitor.arrive().signedIn(owner.email(), owner.password());
        String page = given().cookies(session.cookies()).get("/console/me").then().statusCode(200).extract().asString();
        String download = "/console/me/licenses/" + machine.licenseId() + "/license-file";
        assertThat(page).contains("href=\"" + download + "\"");

        Response file = given().cookies(session.cookies()).get(download);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.header("Content-Disposition")).isEqualTo("attachment; filename=\"license-" + machine.licenseId() + ".lic\"");
        assertThat(file.asString()).startsWith("-----BEGIN HYBRID LICENSE FILE-----").contains("-----END HYBRID LICENSE FILE-----");

        TestUser other = Users.aUser().register();
        Visitor stranger = Visitor.arrive().signedIn(other.email(), other.password());
        given().cookies(stranger.cookies()).get(download).then().statusCode(404);
        given().cookies(session.cookies()).formParam("csrf-token", session.csrfToken())
                .post("/console/me/licenses/" + machine.licenseId() + "/deactivate").then().statusCode(200);
        given().cookies(session.cookies()).get(download).then().statusCode(409);
    }

    @Test
    void apiPostsWithoutABody_needNoCsrfToken_evenWhenTheyNameTheFormType() {
        TestUser user = Users.aUser().register();
        Activated license = user.activated();
        given().auth().oauth2(user.accessToken()).contentType(ContentType.URLENC)
                .post("/api/v1/licenses/" + license.licenseId() + "/deactivate").then().statusCode(200)
                .body("status", equalTo("deactivated"));
    }

    @Test
    void apiCallsKeepUsingBearerTokens() {
        TestUser user = Users.aUser().register();
        given().auth().oauth2(user.accessToken()).get("/api/v1/auth/me").then().statusCode(200)
                .body("email", equalTo(user.email()));
        given().auth().oauth2("forged").get("/api/v1/auth/me").then().statusCode(401);
    }

    @Test
    void consolePages_haveAStrictContentSecurityPolicy() {
        Visitor admin = Visitor.arrive().signedIn(Users.ADMIN_EMAIL, Users.ADMIN_PASSWORD);
        for (String page : List.of("/console/sign-in", "/console/admin", "/console/admin/users", "/console/admin/audit-log",
                "/console/me")) {
            String csp = given().cookies(admin.cookies()).get(page).then().statusCode(200).extract()
                    .header("Content-Security-Policy");
            assertThat(csp).contains("script-src 'self';", "style-src 'self';", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            String html = given().cookies(admin.cookies()).get(page).asString();
            assertThat(html).doesNotContain("<script>", "style=", "<style", " onclick=", "javascript:");
        }
    }

    @Test
    void auditLogCsv_followsThePagesFilter() {
        TestUser user = Users.aUser().register();
        Activated license = user.activated();
        Visitor admin = Visitor.arrive().signedIn(Users.ADMIN_EMAIL, Users.ADMIN_PASSWORD);
        String csv = given().cookies(admin.cookies()).queryParam("subjectId", license.licenseId().toString())
                .get("/console/admin/audit-log.csv").then().statusCode(200)
                .header("Content-Disposition", containsString("audit-log.csv")).extract().asString();
        assertThat(csv.lines()).hasSize(2);
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).contains("LICENSE_CREATED", license.licenseId().toString());
        given().cookies(admin.cookies()).queryParam("userId", "not-a-uuid").get("/console/admin/audit-log")
                .then().statusCode(400).contentType(ContentType.HTML).body(containsString("userId must be a UUID"));
    }

    private static String sessionCookie(Response response) {
        return response.headers().getValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("hl_session="))
                .findFirst().orElseThrow(() -> new AssertionError("No session cookie set"));
    }
}
