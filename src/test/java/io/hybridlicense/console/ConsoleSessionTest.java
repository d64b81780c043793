package io.hybridlicense.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.hybridlicense.auth.api.SignedTokens;
import io.hybridlicense.testing.ConsoleSessions.Visitor;
import io.hybridlicense.testing.ConsoleSessions;
import io.hybridlicense.testing.TestClock;
import io.hybridlicense.testing.Users.TestUser;
import io.hybridlicense.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console's sliding session (renewed past half its token's lifetime, never past
 * hl.admin.console.session-max-lifetime, 8 h by default, with the roles read again) and the attributes of
 * its two cookies. Time is the application's clock: a session "signed in ten minutes ago" is one signed in
 * with the clock set back ten minutes, so every token stays valid for the token check, which keeps real time.
 */
@QuarkusTest
class ConsoleSessionTest {

    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @Inject
    TestClock clock;
    @Inject
    SignedTokens signedTokens;

    @AfterEach
    void resumeTime() {
        clock.resume();
    }

    @Test
    void bothCookies_areHttpOnlyAndStrict_andSecureOverHttps() {
        TestUser user = Users.aUser().register();
        for (boolean https : List.of(false, true)) {
            Response page = given().redirects().follow(false).header("X-Forwarded-Proto", https ? "https" : "http")
                    .get("/console/sign-in");
            Visitor visitor = new Visitor(new HashMap<>(page.cookies()), ConsoleSessions.tokenIn(page.asString()));
            Response signedIn = given().redirects().follow(false).cookies(visitor.cookies())
                    .header("X-Forwarded-For", Users.freshAddress()).header("X-Forwarded-Proto", https ? "https" : "http")
                    .formParam("csrf-token", visitor.csrfToken()).formParam("email", user.email())
                    .formParam("password", user.password()).post("/console/sign-in");
            signedIn.then().statusCode(303);
            for (String cookie : List.of(setCookie(page, "hl_csrf"), setCookie(signedIn, "hl_session"))) {
                List<String> attributes = attributes(cookie);
                assertThat(attributes).as(cookie).contains("httponly", "samesite=strict");
                if (https) {
                    assertThat(attributes).as(cookie).contains("secure");
                } else {
                    assertThat(attributes).as(cookie).doesNotContain("secure");
                }
            }
        }
    }

    @Test
    void aFreshSession_isNotRenewed() {
        TestUser user = Users.aUser().register();
        Visitor session = Visitor.arrive().signedIn(user.email(), user.password());
        Response page = given().redirects().follow(false).cookies(session.cookies()).get("/console/me");
        page.then().statusCode(200);
        assertThat(sessionCookie(page)).isEmpty();
    }

    @Test
    void aSessionPastHalfItsLifetime_isRenewed_fromTheSameSignIn() {
        TestUser user = Users.aUser().register();
        clock.stop();
        clock.advance(TEN_MINUTES.negated());
        Visitor session = Visitor.arrive().signedIn(user.email(), user.password());
        JsonPath old = claims(session.cookies().get("hl_session"));
        clock.resume();

        Response page = given().redirects().follow(false).cookies(session.cookies()).get("/console/me");
        page.then().statusCode(200);
        String cookie = sessionCookie(page).orElseThrow(() -> new AssertionError("The session was not renewed"));
        assertThat(attributes(cookie)).contains("path=/console", "httponly", "samesite=strict", "max-age=900");
        JsonPath renewed = claims(value(cookie));
        assertThat(renewed.getLong("auth_time")).isEqualTo(old.getLong("auth_time")).isEqualTo(old.getLong("iat"));
        assertThat(renewed.getLong("iat")).isGreaterThanOrEqualTo(old.getLong("iat") + TEN_MINUTES.toSeconds());
        assertThat(renewed.getLong("exp") - renewed.getLong("iat")).isEqualTo(900);
        assertThat(renewed.getString("sub")).isEqualTo(user.userId().toString());

        // the renewed session works, and is itself fresh
        Map<String, String> cookies = new HashMap<>(session.cookies());
        cookies.put("hl_session", value(cookie));
        Response next = given().redirects().follow(false).cookies(cookies).get("/console/me");
        next.then().statusCode(200).body(containsString(user.email()));
        assertThat(sessionCookie(next)).isEmpty();

        // the same old token as a bearer token is not renewed: no cookie for API-style callers
        Response bearer = given().redirects().follow(false).auth().oauth2(session.cookies().get("hl_session"))
                .get("/console/me");
        bearer.then().statusCode(200);
        assertThat(sessionCookie(bearer)).isEmpty();
    }

    @Test
    void aRenewedSession_carriesTheRolesOfNow_notThoseOfTheSignIn() {
        TestUser user = Users.aUser().register();
        String adminToken = TestUser.admin().accessToken();
        given().auth().oauth2(adminToken).put("/api/v1/admin/users/" + user.userId() + "/admin").then().statusCode(200);
        clock.stop();
        clock.advance(TEN_MINUTES.negated());
        Visitor session = Visitor.arrive().signedIn(user.email(), user.password());
        clock.resume();
        assertThat(claims(session.cookies().get("hl_session")).getList("groups")).contains("admin");
        given().auth().oauth2(adminToken).delete("/api/v1/admin/users/" + user.userId() + "/admin").then().statusCode(200);

        Response page = given().redirects().follow(false).cookies(session.cookies()).get("/console/me");
        String cookie = sessionCookie(page).orElseThrow(() -> new AssertionError("The session was not renewed"));
        assertThat(claims(value(cookie)).getList("groups")).containsExactly("user");
        Map<String, String> cookies = new HashMap<>(session.cookies());
        cookies.put("hl_session", value(cookie));
        given().redirects().follow(false).cookies(cookies).get("/console/admin").then().statusCode(403);
    }

    @Test
    void noSessionIsRenewed_pastEightHoursAfterSignIn() {
        TestUser user = Users.aUser().register();
        Instant now = Instant.now();

        // signed in 7 h 50 min ago: renewed, but only up to 8 h after the sign-in
        Instant signedIn = now.minus(Duration.ofHours(7).plusMinutes(50)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Response page = get("/console/me", sessionToken(user.userId(), user.email(), signedIn));
        String cookie = sessionCookie(page).orElseThrow(() -> new AssertionError("The session was not renewed"));
        assertThat(claims(value(cookie)).getLong("exp")).isEqualTo(signedIn.plus(Duration.ofHours(8)).getEpochSecond());
        assertThat(claims(value(cookie)).getLong("auth_time")).isEqualTo(signedIn.getEpochSecond());

        // signed in 8 h ago: the session ends when its token expires
        Response last = get("/console/me", sessionToken(user.userId(), user.email(), now.minus(Duration.ofHours(8))));
        last.then().statusCode(200);
        assertThat(sessionCookie(last)).isEmpty();
    }

    @Test
    void aSessionOfAnAccountThatIsGone_isEnded() {
        Response page = get("/console/me", sessionToken(UUID.randomUUID(), Users.uniqueEmail(), Instant.now().minus(TEN_MINUTES)));
        assertThat(sessionCookie(page)).hasValueSatisfying(cookie -> assertThat(cookie).startsWith("hl_session=;")
                .contains("Max-Age=0"));
    }

    /** An access token as a chain of renewals would leave it: issued 10 min ago, for a sign-in at {@code signedIn}. */
    private String sessionToken(UUID userId, String email, Instant signedIn) {
        clock.stop();
        clock.advance(TEN_MINUTES.negated());
        try {
            Instant expires = clock.now().plus(Duration.ofMinutes(15));
            return signedTokens.sign(SignedTokens.ACCESS_AUDIENCE, userId.toString(), expires,
                    Map.of("upn", email, "groups", List.of("user"), "auth_time", signedIn.getEpochSecond()));
        } finally {
            clock.resume();
        }
    }

    private static Response get(String path, String sessionToken) {
        return given().redirects().follow(false).cookie("hl_session", sessionToken).get(path);
    }

    private static Optional<String> sessionCookie(Response response) {
        return response.headers().getValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("hl_session="))
                .findFirst();
    }

    private static String setCookie(Response response, String name) {
        return response.headers().getValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith(name + "="))
                .findFirst().orElseThrow(() -> new AssertionError("No " + name + " cookie set"));
    }

    /** Attribute names are case-insensitive (RFC 6265; Vert.x writes HTTPOnly): compared in lower case. */
    private static List<String> attributes(String setCookie) {
        return List.of(setCookie.toLowerCase(java.util.Locale.ROOT).split(";\\s*"));
    }

    private static String value(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    private static JsonPath claims(String jwt) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
