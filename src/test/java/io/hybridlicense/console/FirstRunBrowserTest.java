package io.hybridlicense.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.hybridlicense.testing.BrowserTest;
import io.hybridlicense.testing.NoAdmins;
import io.hybridlicense.testing.PageChecks;
import io.hybridlicense.testing.Users;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A newcomer's first minutes in headless Chromium: the set-up page, the first admin, sign-in, the dashboard;
 * and the pages around sign-in. No page logs a SEVERE console entry. Saves docs/screenshots/setup.png.
 */
@QuarkusTest
class FirstRunBrowserTest extends BrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    DataSource db;

    @TestHTTPResource("/")
    URL base;

    @Test
    void setUp_thenSignIn_leadsToTheDashboard() throws Exception {
        String email = Users.uniqueEmail();
        String password = "first-admin-password";
        try (NoAdmins noAdmins = NoAdmins.begin(db)) {
            driver().manage().deleteAllCookies();
            driver().get(base.toString());
            browser.waitUpTo(WAIT).until(ExpectedConditions.titleIs(say("Set up", "セットアップ") + " · Hybrid License"));
            assertThat(driver().getCurrentUrl()).endsWith("/console/setup");
            assertThat(PageChecks.problems(driver())).isEmpty();
            assertPageSpeaksTheLanguage();
            screenshot("setup", 1280);

            driver().findElement(By.id("code")).sendKeys(FirstRunTest.codeFromFile());
            driver().findElement(By.id("email")).sendKeys(email);
            driver().findElement(By.id("password")).sendKeys(password);
            driver().findElement(By.cssSelector("form[action='/console/setup'] button[type=submit]")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.urlContains("/console/sign-in?setup=done"));
            assertThat(driver().getTitle()).isEqualTo(say("Sign in", "サインイン") + " · Hybrid License");
            assertThat(driver().findElement(By.id("sign-in-notice")).getText())
                    .contains(say("The first admin is made", "最初の管理者を作成しました"));

            driver().findElement(By.id("email")).sendKeys(email);
            driver().findElement(By.id("password")).sendKeys(password);
            driver().findElement(By.cssSelector("form[action='/console/sign-in'] button[type=submit]")).click();
            browser.waitUpTo(WAIT).until(ExpectedConditions.titleIs(say("Dashboard", "ダッシュボード") + " · Hybrid License"));
            assertThat(driver().getCurrentUrl()).endsWith("/console/admin");
            assertThat(noAdmins.adminsNow()).isOne();
        }
    }

    @Test
    void everyPageBeforeSignIn_hasItsTitleAndTheIcon_andNoConsoleError() {
        driver().manage().deleteAllCookies();
        for (List<String> page : List.of(List.of("console/sign-in", say("Sign in", "サインイン")),
                List.of("console/sign-up", say("Sign up", "サインアップ")),
                List.of("console/forgot-password", say("Forgot your password?", "パスワードをお忘れですか?")),
                List.of("console/change-password", say("Choose a new password", "新しいパスワードの設定")))) {
            driver().get(base + page.get(0));
            assertThat(driver().getTitle()).as(page.get(0)).isEqualTo(page.get(1) + " · Hybrid License");
            assertThat(driver().findElement(By.cssSelector("link[rel=icon]")).getAttribute("href")).endsWith("/favicon.svg");
            assertThat(PageChecks.problems(driver())).as(page.get(0)).isEmpty();
            assertPageSpeaksTheLanguage();
        }
        driver().findElement(By.linkText(say("Back to sign-in", "サインインに戻る"))).click();
        browser.waitUpTo(WAIT).until(ExpectedConditions.titleIs(say("Sign in", "サインイン") + " · Hybrid License"));
        driver().findElement(By.id("sign-up-link")).click();
        browser.waitUpTo(WAIT).until(ExpectedConditions.titleIs(say("Sign up", "サインアップ") + " · Hybrid License"));
        given().get("/favicon.svg").then().statusCode(200).contentType(startsWith("image/svg+xml"));
        given().get("/favicon.ico").then().statusCode(200);
    }

    private static ChromeDriver driver() {
        return browser.driver();
    }
}
