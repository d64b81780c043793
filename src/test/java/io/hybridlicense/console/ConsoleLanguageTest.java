package io.hybridlicense.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.hybridlicense.testing.ConsoleSessions.Visitor;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console speaks the language of the {@code hl_lang} cookie (the layout's switch), else of
 * {@code Accept-Language}, else English; its dates follow it; the API stays English.
 */
@QuarkusTest
class ConsoleLanguageTest {

    @Test
    void acceptLanguage_choosesThePagesLanguage_englishOtherwise() {
        signInPage(given().header("Accept-Language", "ja-JP,ja;q=0.9,en;q=0.8"))
                .then().statusCode(200).body(containsString("<html lang=\"ja\">"), containsString("<title>サインイン · Hybrid License</title>"),
                        containsString("パスワードをお忘れですか?"), not(containsString("Forgot your password?")));
        for (String english : List.of("en-US,en;q=0.9", "fr-FR,fr;q=0.9", "de", "*")) {
            signInPage(given().header("Accept-Language", english))
                    .then().statusCode(200).body(containsString("<html lang=\"en\">"), containsString("<title>Sign in · Hybrid License</title>"));
        }
        signInPage(given()).then().body(containsString("<html lang=\"en\">"));
    }

    @Test
    void theCookie_winsOverTheHeader() {
        signInPage(given().header("Accept-Language", "en").cookie("hl_lang", "ja"))
                .then().body(containsString("<html lang=\"ja\">"), containsString("メールアドレス"));
        signInPage(given().header("Accept-Language", "ja").cookie("hl_lang", "en"))
                .then().body(containsString("<html lang=\"en\">"), containsString("Email"));
        signInPage(given().header("Accept-Language", "ja").cookie("hl_lang", "klingon"))
                .then().body(containsString("<html lang=\"ja\">"));
    }

    @Test
    void theSwitch_setsTheCookie_andLeadsBackToThePage_ofTheConsoleOnly() {
        Response chosen = given().redirects().follow(false).get("/console/language/ja?back=/console/me/api-keys");
        chosen.then().statusCode(303).header("Location", endsWith("/console/me/api-keys"));
        assertThat(languageCookie(chosen)).startsWith("hl_lang=ja; Path=/console; Max-Age=")
                .contains("; HttpOnly", "; SameSite=Lax");
        Response english = given().redirects().follow(false).get("/console/language/en?back=/console/admin/users?query=a");
        english.then().statusCode(303).header("Location", endsWith("/console/admin/users?query=a"));
        assertThat(languageCookie(english)).startsWith("hl_lang=en;");
        for (String elsewhere : List.of("https://evil.example/", "//evil.example/console", "/console/../api", "/consolex",
                "/console\\@evil", "javascript:alert(1)")) {
            given().redirects().follow(false).queryParam("back", elsewhere).get("/console/language/ja")
                    .then().statusCode(303).header("Location", endsWith("/console"));
        }
        given().redirects().follow(false).get("/console/language/fr").then().statusCode(404);
    }

    @Test
    void theLayout_linksBothLanguages_backToThisPage() {
        signInPage(given().header("Accept-Language", "ja")).then()
                .body(containsString("href=\"/console/language/en?back=%2Fconsole%2Fsign-in\""),
                        containsString("href=\"/console/language/ja?back=%2Fconsole%2Fsign-in\""), containsString(">日本語</a>"),
                        containsString(">EN</a>"));
    }

    @Test
    void aRefusalShownInTheConsole_isJapanese_whileTheApisProblemStaysEnglish() {
        TestUser user = Users.aUser().register();
        Visitor visitor = Visitor.arrive();
        given().redirects().follow(false).cookies(visitor.cookies()).header("Accept-Language", "ja")
                .header("X-Forwarded-For", Users.freshAddress())
                .formParam("csrf-token", visitor.csrfToken()).formParam("email", user.email()).formParam("password", "wrong-password-1")
                .post("/console/sign-in")
                .then().statusCode(401).body(containsString("メールアドレスまたはパスワードが正しくありません。"));

        given().header("Accept-Language", "ja").header("X-Forwarded-For", Users.freshAddress()).contentType(ContentType.JSON)
                .body(Map.of("email", user.email(), "password", "wrong-password-1")).post("/api/v1/auth/login")
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", equalTo("The email or the password is wrong"));
    }

    /** Hibernate Validator has Japanese messages of its own: the API's field errors must not use them. */
    @Test
    void theApisValidationMessages_stayEnglish_whateverTheLanguageAsked() {
        for (String language : List.of("en", "ja", "ja-JP,ja;q=0.9")) {
            List<String> messages = given().header("Accept-Language", language).header("X-Forwarded-For", Users.freshAddress())
                    .contentType(ContentType.JSON).body(Map.of("email", "not an email", "password", "short"))
                    .post("/api/v1/auth/register")
                    .then().statusCode(400).contentType("application/problem+json").extract().path("errors.message");
            assertThat(messages).as(language).isNotEmpty().allSatisfy(message -> assertThat(message).matches("[\\x20-\\x7e]+"));
        }
    }

    @Test
    void signedInPages_speakJapanese_withJapaneseDates() {
        TestUser admin = TestUser.admin();
        Visitor session = Visitor.arrive().signedIn(admin.email(), admin.password());
        String dashboard = given().cookies(session.cookies()).cookie("hl_lang", "ja").get("/console/admin")
                .then().statusCode(200).extract().asString();
        assertThat(dashboard).contains("<h1>ダッシュボード</h1>", ">ユーザー</a>", ">監査ログ</a>", ">サインアウト</button>",
                "data-series=\"ライセンス\"").doesNotContain(">Dashboard<", ">Sign out<");
        String users = given().cookies(session.cookies()).cookie("hl_lang", "ja").get("/console/admin/users")
                .then().statusCode(200).extract().asString();
        assertThat(users).containsPattern("<td>\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}</td>").doesNotContainPattern("<td>\\d{4}-\\d{2}-\\d{2} ");
        String english = given().cookies(session.cookies()).get("/console/admin/users").then().statusCode(200).extract().asString();
        assertThat(english).contains("<h1>Users</h1>").containsPattern("<td>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}</td>");
    }

    /** A field the API's rules refuse is named in Japanese, the API's own sentence kept after it for the specifics. */
    @Test
    void aRefusedFieldOfTheDataSourceForm_isExplainedInJapanese() {
        TestUser user = Users.aUser().register();
        Visitor session = Visitor.arrive().signedIn(user.email(), user.password());
        String page = given().cookies(session.cookies()).cookie("hl_lang", "ja").formParam("csrf-token", session.csrfToken())
                .formParam("name", "Shop").formParam("kind", "postgresql").formParam("host", "db.example.test")
                .formParam("port", "eighty").formParam("database", "shop").post("/console/me/datasources")
                .then().statusCode(400).extract().asString();
        assertThat(page).contains("<p class=\"field-error\" id=\"ds-port-error\">入力内容に誤りがあります。（port must be a number between 1 and 65535）</p>");
    }

    private static String languageCookie(Response response) {
        return response.headers().getValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("hl_lang="))
                .findFirst().orElseThrow(() -> new AssertionError("no hl_lang cookie"));
    }

    private static Response signInPage(io.restassured.specification.RequestSpecification request) {
        return request.redirects().follow(false).get("/console/sign-in");
    }
}
