package io.hybridlicense.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.hybridlicense.admin.api.AdminApi;
import io.hybridlicense.admin.api.AuditEntryView;
import io.hybridlicense.auth.api.AuthApi;
import io.hybridlicense.platform.notices.DatabaseNotices;
import io.hybridlicense.testing.ConsoleSessions.Visitor;
import io.hybridlicense.testing.Json;
import io.hybridlicense.testing.TestClock;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sign-out, an admin's "sign out everywhere" and a password change end every session of the user. */
@QuarkusTest
class SessionEndTest {

    private static final Duration MAX_SESSION = Duration.ofHours(8);

    @Inject
    AuthApi auth;
    @Inject
    SessionGenerations generations;
    @Inject
    AdminApi audit;
    @Inject
    TestClock clock;
    @Inject
    DataSource database;

    @AfterEach
    void resumeTime() {
        clock.resume();
    }

    /** The clock stands still: every token here has the same iat, the sign-out's second included. */
    @Test
    void signOut_refusesTheTokenAtOnce_andASignInInTheSameSecondWorks() {
        clock.stop();
        TestUser user = Users.aUser().register();
        String token = user.accessToken();
        me(token).then().statusCode(200);

        given().auth().oauth2(token).post("/api/v1/auth/logout").then().statusCode(204);

        me(token).then().statusCode(401);
        String next = user.accessToken();
        assertThat(Json.jwtClaims(next).get("iat").asLong()).isEqualTo(Json.jwtClaims(token).get("iat").asLong());
        me(next).then().statusCode(200);
        assertThat(actions(user.userId())).containsExactlyInAnyOrder("USER_REGISTERED", "USER_SIGNED_OUT");
    }

    @Test
    void consoleSignOut_voidsACopyOfTheCookie() {
        TestUser user = Users.aUser().register();
        Visitor session = Visitor.arrive().signedIn(user.email(), user.password());
        Map<String, String> copied = new HashMap<>(session.cookies());
        console(copied).get("/console/me").then().statusCode(200);

        console(session.cookies()).formParam("csrf-token", session.csrfToken()).post("/console/sign-out")
                .then().statusCode(303).header("Location", endsWith("/console/sign-in"));

        console(copied).get("/console/me").then().statusCode(303).header("Location", endsWith("/console/sign-in"));
    }

    /** A cookie past half its lifetime is renewed, unless its session was ended: then it is dropped. */
    @Test
    void renewal_afterSignOut_isRefused() {
        TestUser user = Users.aUser().register();
        clock.stop();
        clock.advance(Duration.ofMinutes(-10));
        Visitor renewable = Visitor.arrive().signedIn(user.email(), user.password());
        Visitor signedOut = Visitor.arrive().signedIn(user.email(), user.password());
        String signedOutToken = signedOut.cookies().get("hl_session");
        clock.resume();
        assertThat(auth.renew(signedOutToken, MAX_SESSION)).as("renewable before the sign-out").isPresent();
        Response renewed = console(renewable.cookies()).get("/console/me");
        renewed.then().statusCode(200);
        assertThat(renewed.cookie("hl_session")).as("renewed before the sign-out").isNotEmpty();

        auth.signOut(user.userId());

        assertThat(auth.renew(signedOutToken, MAX_SESSION)).isEmpty();
        assertThat(auth.renew(renewed.cookie("hl_session"), MAX_SESSION)).isEmpty();
        Response refused = console(signedOut.cookies()).get("/console/me");
        refused.then().statusCode(303).header("Location", endsWith("/console/sign-in"));
        assertThat(refused.cookie("hl_session")).as("the cookie is dropped, not renewed").isEmpty();
    }

    @Test
    void anAdmin_signsAUserOutEverywhere_audited() {
        TestUser user = Users.aUser().register();
        String token = user.accessToken();
        String adminToken = TestUser.admin().accessToken();
        UUID adminId = UUID.fromString(Json.jwtClaims(adminToken).get("sub").asText());

        given().auth().oauth2(token).delete("/api/v1/admin/users/" + adminId + "/sessions")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(adminToken).delete("/api/v1/admin/users/" + UUID.randomUUID() + "/sessions")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(adminToken).delete("/api/v1/admin/users/" + user.userId() + "/sessions")
                .then().statusCode(204);

        me(token).then().statusCode(401);
        me(user.accessToken()).then().statusCode(200);
        AuditEntryView ended = audit.auditTrailOf("user", user.userId().toString()).get(1);
        assertThat(ended.action()).isEqualTo("USER_SESSIONS_ENDED");
        assertThat(ended.actorId()).isEqualTo(adminId.toString());
    }

    @Test
    void aPasswordChange_endsEverySession() {
        TestUser user = Users.aUser().register();
        String token = user.accessToken();
        String newPassword = "a brand new password";

        changePassword(token, "wrong password", newPassword).then().statusCode(401).contentType("application/problem+json");
        changePassword(token, user.password(), "short").then().statusCode(400).contentType("application/problem+json");
        me(token).then().statusCode(200);
        changePassword(token, user.password(), newPassword).then().statusCode(204);

        me(token).then().statusCode(401);
        login(user.email(), user.password()).then().statusCode(401);
        me(login(user.email(), newPassword).then().statusCode(200).extract().path("accessToken")).then().statusCode(200);
        assertThat(actions(user.userId())).containsExactly("USER_REGISTERED", "PASSWORD_CHANGED");
    }

    /** Once a user's generation is known, checking their tokens reads nothing from the database. */
    @Test
    void checkingATokenAgainstSignOuts_readsTheDatabaseOncePerUser() {
        awaitListening();
        String token = Users.aUser().register().accessToken();
        me(token).then().statusCode(200);
        long reads = generations.reads();

        for (int i = 0; i < 50; i++) {
            me(token).then().statusCode(200);
        }

        assertThat(generations.reads()).isEqualTo(reads);
    }

    /** Another instance is anyone who raises the generation and notifies: this one hears it at once. */
    @Test
    void aSignOutOnAnotherInstance_isRefusedHereWithinASecond() throws SQLException {
        awaitListening();
        TestUser user = Users.aUser().register();
        String token = user.accessToken();
        me(token).then().statusCode(200);

        try (Connection other = database.getConnection()) {
            other.setAutoCommit(false);
            raiseGeneration(other, user.userId());
            try (PreparedStatement notify = other.prepareStatement("SELECT pg_notify(?, ?)")) {
                notify.setString(1, SessionGenerations.CHANNEL);
                notify.setString(2, user.userId().toString());
                notify.execute();
            }
            other.commit();
        }
        long ended = System.nanoTime();

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> me(token).statusCode() == 401);
        System.out.printf("sign-out on another instance -> refused here after %d ms%n", (System.nanoTime() - ended) / 1_000_000);
    }

    /** Notices sent while the listening connection was down are lost: the cache is not trusted meanwhile. */
    @Test
    void aSignOutMissedWhileNotListening_isRefusedOnceListeningAgain() throws SQLException {
        awaitListening();
        TestUser user = Users.aUser().register();
        String token = user.accessToken();
        me(token).then().statusCode(200);

        try (Connection other = database.getConnection(); PreparedStatement terminate = other.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
            terminate.setString(1, DatabaseNotices.APPLICATION_NAME);
            terminate.execute();
            raiseGeneration(other, user.userId()); // no notice: nobody would hear it
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> me(token).statusCode() == 401);
        awaitListening();
        me(token).then().statusCode(401);
    }

    private void awaitListening() {
        await().atMost(Duration.ofSeconds(30)).until(generations::listening);
    }

    private static void raiseGeneration(Connection connection, UUID userId) throws SQLException {
        try (PreparedStatement raise = connection.prepareStatement(
                "UPDATE auth.users SET session_generation = session_generation + 1 WHERE id = ?")) {
            raise.setObject(1, userId);
            assertThat(raise.executeUpdate()).isOne();
        }
    }

    private java.util.List<String> actions(UUID userId) {
        return audit.auditTrailOf("user", userId.toString()).stream().map(AuditEntryView::action).toList();
    }

    private static Response me(String token) {
        return given().auth().oauth2(token).get("/api/v1/auth/me");
    }

    private static Response login(String email, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Users.freshAddress())
                .body(Map.of("email", email, "password", password)).post("/api/v1/auth/login");
    }

    private static Response changePassword(String token, String current, String next) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("X-Forwarded-For", Users.freshAddress())
                .body(Map.of("currentPassword", current, "newPassword", next)).post("/api/v1/auth/password");
    }

    private static io.restassured.specification.RequestSpecification console(Map<String, String> cookies) {
        return given().redirects().follow(false).cookies(cookies);
    }
}
