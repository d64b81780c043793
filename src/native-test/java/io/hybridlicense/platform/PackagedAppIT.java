package io.hybridlicense.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hybridlicense.testing.PackagedAppEnvironment;
import io.hybridlicense.testing.SecondServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs against the packaged application (the JVM jar, or the native binary with {@code -Dnative}). */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppEnvironment.class)
class PackagedAppIT {

    @Test
    void isLiveAndReadyWithItsDatabase() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void answersUnknownPathsWithProblemJson() {
        given().get("/api/v1/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .header("X-Content-Type-Options", "nosniff")
                .body("status", equalTo(404));
    }

    @Test
    void publishesMetrics_info_andRequestIds() {
        given().header("X-Request-Id", "it-request-0001").get("/q/health/live")
                .then().statusCode(200).header("X-Request-Id", equalTo("it-request-0001"));
        given().contentType("application/json").body("{\"email\":\"nobody@example.test\",\"password\":\"wrong password\"}")
                .post("/api/v1/auth/login").then().statusCode(401);

        given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .body(containsString("hl_auth_logins_total{result=\"failure\""))
                .body(containsString("hl_schemasync_outbox_pending"))
                .body(containsString("agroal_active_count"));
        given().accept("application/json").get("/q/info").then().statusCode(200)
                .body("build.version", equalTo("0.1.0-SNAPSHOT"));
    }

    /** Instances on one external database must share the key: one invented per instance would not open the others' credentials. */
    @Test
    void refusesToStart_onAnExternalDatabase_withoutTheSharedCredentialsKey() throws Exception {
        Map<String, String> config = new LinkedHashMap<>(PackagedAppEnvironment.appConfig());
        config.remove("hl.schemasync.credentials-key");

        SecondServer.Exited exited = SecondServer.runUntilExit("no-credentials-key", config, Map.of(), Duration.ofSeconds(90));

        assertThat(exited.status()).isNotZero();
        assertThat(exited.log()).contains("HL_SCHEMASYNC_CREDENTIALS_KEY").contains("external database");
        String password = config.getOrDefault("quarkus.datasource.password", "");
        // a trust-authenticated database has no password to leak, and native-check's role is named as its
        // password, which the logged address holds as part of the database's name
        if (!password.isEmpty() && !config.getOrDefault("quarkus.datasource.jdbc.url", "").contains(password)) {
            assertThat(exited.log()).doesNotContain(password);
        }
        assertThat(Path.of("target/it-data-no-credentials-key/keys/schemasync-credentials.key")).doesNotExist();
    }

    /** The console's Qute pages, its WebJars and its CSRF-protected form work in the package (native included). */
    @Test
    void servesTheConsole_signInPage_assets_andCsrfProtectedForm() {
        given().redirects().follow(false).get("/console/admin").then().statusCode(303)
                .header("Location", containsString("/console/sign-in"));
        Response page = given().get("/console/sign-in");
        page.then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .body(containsString("name=\"password\""));
        Matcher token = Pattern.compile("type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\"").matcher(page.asString());
        assertThat(token.find()).as("the form's CSRF token").isTrue();
        Matcher script = Pattern.compile("<script src=\"(/webjars/[^\"]+)\"").matcher(page.asString());
        assertThat(script.find()).as("the page's WebJar").isTrue();
        given().get(script.group(1)).then().statusCode(200).header("Cache-Control", containsString("immutable"));
        given().get("/webjars/htmx.org/dist/htmx.min.js").then().statusCode(200);
        given().get("/webjars/chart.js/dist/chart.umd.js").then().statusCode(200);

        given().redirects().follow(false).cookie("hl_csrf", page.getCookie("hl_csrf"))
                .formParam(token.group(1), token.group(2)).formParam("email", "nobody@example.test")
                .formParam("password", "wrong password").post("/console/sign-in")
                .then().statusCode(401).contentType(containsString("text/html"));
        given().redirects().follow(false).formParam("email", "nobody@example.test").formParam("password", "wrong password")
                .post("/console/sign-in").then().statusCode(400);
    }

    /** The console's Japanese message bundles and the language switch's cookie are in the package (native included). */
    @Test
    void servesTheConsoleInJapanese_fromAcceptLanguage_orTheCookie() {
        given().header("Accept-Language", "ja-JP,ja;q=0.9").get("/console/sign-in").then().statusCode(200)
                .body(containsString("<html lang=\"ja\">"), containsString("<title>サインイン · Hybrid License</title>"));
        given().header("Accept-Language", "en").cookie("hl_lang", "ja").get("/console/forgot-password").then().statusCode(200)
                .body(containsString("パスワードをお忘れですか?"));
        given().get("/console/sign-in").then().body(containsString("<title>Sign in · Hybrid License</title>"));
    }
}
