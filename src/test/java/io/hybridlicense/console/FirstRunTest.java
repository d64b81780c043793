package io.hybridlicense.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.hybridlicense.testing.Concurrently;
import io.hybridlicense.testing.ConsoleSessions;
import io.hybridlicense.testing.ConsoleSessions.Visitor;
import io.hybridlicense.testing.NoAdmins;
import io.hybridlicense.testing.TestClock;
import io.hybridlicense.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The first run over HTTP: the set-up of the first admin and the pages around sign-in. */
@QuarkusTest
class FirstRunTest {

    static final Path CODE_FILE = Path.of("target", "test-data", "setup-code");
    private static final String PASSWORD = "first-admin-password";

    @Inject
    DataSource db;

    @Inject
    TestClock clock;

    @Test
    void theSetupPage_isTheEntranceWhileNoAdminExists_andGoneForGoodAfter() throws Exception {
        String email = Users.uniqueEmail();
        try (NoAdmins noAdmins = NoAdmins.begin(db)) {
            given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/console/setup"));
            given().redirects().follow(false).get("/console").then().statusCode(303)
                    .header("Location", endsWith("/console/setup"));
            // the sign-in page stays (health checks and scripts ask it for 200) and points there
            given().get("/console/sign-in").then().statusCode(200).body(containsString("href=\"/console/setup\""));
            Visitor visitor = setupVisitor();
            String code = codeFromFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(CODE_FILE))).isEqualTo("rw-------");

            // no code, a wrong one: refused, nothing made
            post(visitor, email, PASSWORD, null, Users.freshAddress()).then().statusCode(403)
                    .body(containsString("set-up code is wrong"));
            post(visitor, email, PASSWORD, "0".repeat(32), Users.freshAddress()).then().statusCode(403)
                    .body(not(containsString("0".repeat(32))));
            // the registration's rules
            post(visitor, email, "short", code, Users.freshAddress()).then().statusCode(400)
                    .body(containsString("at least 10 characters"));
            post(visitor, "not an email", PASSWORD, code, Users.freshAddress()).then().statusCode(400)
                    .body(containsString("valid email address"));
            assertThat(noAdmins.adminsNow()).isZero();

            post(visitor, email, PASSWORD, "  " + code + "\n", Users.freshAddress()).then().statusCode(303)
                    .header("Location", endsWith("/console/sign-in?setup=done"));
            assertThat(noAdmins.count("SELECT count(*) FROM auth.users WHERE admin AND email = ?", email)).isOne();
            assertThat(noAdmins.count("SELECT count(*) FROM admin.audit_log WHERE action = 'USER_REGISTERED' "
                    + "AND details->>'email' = ? AND (details->>'admin')::boolean AND actor_id = subject_id", email)).isOne();
            assertThat(noAdmins.count("SELECT count(*) FROM auth.setup_code")).isZero();
            assertThat(CODE_FILE).doesNotExist();

            // gone: the page, the code, the entrance
            given().redirects().follow(false).get("/console/setup").then().statusCode(303)
                    .header("Location", endsWith("/console/sign-in"));
            post(visitor, Users.uniqueEmail(), PASSWORD, code, Users.freshAddress()).then().statusCode(409)
                    .body(containsString("An admin exists already"));
            given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/console"));
            given().redirects().follow(false).get("/console").then().statusCode(303)
                    .header("Location", endsWith("/console/sign-in"));
            given().get("/console/sign-in").then().statusCode(200).body(not(containsString("href=\"/console/setup\"")));
            given().get("/console/sign-in?setup=done").then().statusCode(200).body(containsString("The first admin is made"));
            Visitor admin = Visitor.arrive().signedIn(email, PASSWORD);
            given().redirects().follow(false).cookies(admin.cookies()).get("/console").then().statusCode(303)
                    .header("Location", endsWith("/console/admin"));
            assertThat(noAdmins.adminsNow()).isOne();
        }
    }

    @Test
    void wrongCodes_countAgainstTheAddressesFailureAllowance() throws Exception {
        clock.stop(); // no refill while the attempts are made, however slow the machine
        try (NoAdmins noAdmins = NoAdmins.begin(db)) {
            Visitor visitor = setupVisitor();
            String code = codeFromFile();
            String address = Users.freshAddress();
            for (int i = 0; i < 20; i++) {
                post(visitor, Users.uniqueEmail(), PASSWORD, "wrong-" + i, address).then().statusCode(403);
            }
            post(visitor, Users.uniqueEmail(), PASSWORD, code, address).then().statusCode(429)
                    .header("Retry-After", not(nullValue()));
            assertThat(noAdmins.adminsNow()).isZero();
        } finally {
            clock.resume();
        }
    }

    @Test
    void twoSetupsAtOnce_makeExactlyOneAdmin_andTellTheOther() throws Exception {
        try (NoAdmins noAdmins = NoAdmins.begin(db)) {
            Visitor visitor = setupVisitor();
            String code = codeFromFile();
            List<String> emails = List.of(Users.uniqueEmail(), Users.uniqueEmail(), Users.uniqueEmail());
            List<Integer> statuses = Concurrently.run(emails.size(),
                    i -> post(visitor, emails.get(i), PASSWORD, code, Users.freshAddress()).statusCode());
            assertThat(statuses).containsExactlyInAnyOrder(303, 409, 409);
            assertThat(noAdmins.adminsNow()).isOne();
            assertThat(noAdmins.count("SELECT count(*) FROM auth.users WHERE email = ANY(?)",
                    (Object) emails.toArray(String[]::new))).isOne();
        }
    }

    @Test
    void signUp_isTheApisRegistration() {
        Visitor visitor = Visitor.arrive();
        given().get("/console/sign-in").then().body(containsString("href=\"/console/sign-up\""))
                .body(containsString("href=\"/console/forgot-password\""));
        given().get("/console/sign-up").then().statusCode(200).body(containsString("<title>Sign up · Hybrid License</title>"));
        String email = Users.uniqueEmail();
        signUp(visitor, email, "short").then().statusCode(400).body(containsString("at least 10 characters"));
        signUp(visitor, email, "a-long-enough-password").then().statusCode(303)
                .header("Location", endsWith("/console/sign-in?registered=yes"));
        signUp(visitor, email, "a-long-enough-password").then().statusCode(409)
                .body(containsString("An account with this email already exists"));
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "a-long-enough-password"))
                .post("/api/v1/auth/login").then().statusCode(200);
        given().get("/console/forgot-password").then().statusCode(200).body(containsString("temporary password"));
    }

    @Test
    void aTemporaryPassword_mustBeReplacedAtTheNextSignIn() {
        Users.TestUser user = Users.aUser().register();
        Visitor admin = Visitor.arrive().signedIn(Users.ADMIN_EMAIL, Users.ADMIN_PASSWORD);
        String page = given().cookies(admin.cookies()).header("X-CSRF-TOKEN", admin.csrfToken())
                .formParam("csrf-token", admin.csrfToken())
                .post("/console/admin/users/" + user.userId() + "/password/temporary")
                .then().statusCode(200).header("Cache-Control", containsString("no-store")).extract().asString();
        java.util.regex.Matcher shown = java.util.regex.Pattern.compile("Temporary password: (\\S+) ").matcher(page);
        assertThat(shown.find()).isTrue();
        String temporary = shown.group(1);

        login(user.email(), user.password()).then().statusCode(401);
        login(user.email(), temporary).then().statusCode(403)
                .body("type", endsWith("password-change-required")).body("access_token", nullValue());
        given().contentType(ContentType.JSON).header("X-Forwarded-For", Users.freshAddress())
                .body(Map.of("email", user.email(), "password", temporary, "clientId", "machine-" + user.userId()))
                .post("/api/v1/licenses/activate").then().statusCode(403).body("type", endsWith("password-change-required"));
        Visitor visitor = Visitor.arrive();
        Response signIn = visitor.signIn(user.email(), temporary, Users.freshAddress());
        signIn.then().statusCode(200).body(containsString("Choose a new password"));
        assertThat(signIn.cookie("hl_session")).isNull();

        change(visitor, user.email(), temporary, temporary).then().statusCode(400)
                .body(containsString("must differ"));
        change(visitor, user.email(), temporary, "my-own-new-password").then().statusCode(303)
                .header("Location", endsWith("/console/sign-in?changed=yes"));
        login(user.email(), temporary).then().statusCode(401);
        login(user.email(), "my-own-new-password").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("email", user.email(), "temporaryPassword", "my-own-new-password",
                "newPassword", "yet-another-password")).post("/api/v1/auth/password/temporary")
                .then().statusCode(409).body("type", endsWith("password-not-temporary"));
        assertThat(NoAdmins.count(db, "SELECT count(*) FROM admin.audit_log WHERE action = 'TEMPORARY_PASSWORD_SET' "
                + "AND subject_id = ? AND actor_id IS NOT NULL", user.userId().toString())).isOne();
    }

    private Visitor setupVisitor() {
        Response page = given().redirects().follow(false).get("/console/setup");
        page.then().statusCode(200).header("Cache-Control", containsString("no-store"))
                .body(containsString("<title>Set up · Hybrid License</title>")).body(containsString("Set-up code"));
        return new Visitor(new java.util.HashMap<>(page.cookies()), ConsoleSessions.tokenIn(page.asString()));
    }

    static String codeFromFile() throws Exception {
        return Files.readString(CODE_FILE, StandardCharsets.US_ASCII).strip();
    }

    static Response post(Visitor visitor, String email, String password, String code, String address) {
        var request = given().redirects().follow(false).cookies(visitor.cookies()).header("X-Forwarded-For", address)
                .formParam("csrf-token", visitor.csrfToken()).formParam("email", email).formParam("password", password);
        if (code != null) {
            request.formParam("code", code);
        }
        return request.post("/console/setup");
    }

    private static Response signUp(Visitor visitor, String email, String password) {
        return given().redirects().follow(false).cookies(visitor.cookies()).header("X-Forwarded-For", Users.freshAddress())
                .formParam("csrf-token", visitor.csrfToken()).formParam("email", email).formParam("password", password)
                .post("/console/sign-up");
    }

    private static Response change(Visitor visitor, String email, String temporary, String newPassword) {
        return given().redirects().follow(false).cookies(visitor.cookies()).header("X-Forwarded-For", Users.freshAddress())
                .formParam("csrf-token", visitor.csrfToken()).formParam("email", email)
                .formParam("temporaryPassword", temporary).formParam("newPassword", newPassword)
                .post("/console/change-password");
    }

    private static Response login(String email, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Users.freshAddress())
                .body(Map.of("email", email, "password", password)).post("/api/v1/auth/login");
    }
}
