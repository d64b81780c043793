package io.hybridlicense.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hybridlicense.testing.Browser;
import io.hybridlicense.testing.BrowserTest;
import io.hybridlicense.testing.PageChecks;
import io.hybridlicense.testing.Users.Activated;
import io.hybridlicense.testing.Users.TestUser;
import io.hybridlicense.testing.Users;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in headless Chromium against the running application: what an admin and a user see and
 * do, checked against the API. Saves the screenshots linked from the README to docs/screenshots/.
 */
@QuarkusTest
class ConsoleBrowserTest extends BrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URL base;

    @Test
    void dashboardNumbers_areTheApis() {
        TestUser user = Users.aUser().withPlan("pro").register();
        user.activated();
        signIn(Users.ADMIN_EMAIL, Users.ADMIN_PASSWORD);
        open("console/admin");
        browser.waitUpTo(WAIT).until(driver -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return !!(window.Chart && Chart.getChart('chart-status') && Chart.getChart('chart-days')"
                        + " && Chart.getChart('chart-seats'))")));

        String admin = TestUser.admin().accessToken();
        List<Map<String, Object>> plans = given().auth().oauth2(admin).get("/api/v1/admin/stats/users").jsonPath().getList("$");
        long users = 0;
        for (Map<String, Object> plan : plans) {
            List<WebElement> cells = driver().findElements(By.cssSelector("#plans tr[data-plan='" + plan.get("plan") + "'] td"));
            assertThat(cells.get(0).getText()).isEqualTo(plan.get("userCount").toString());
            assertThat(cells.get(1).getText()).isEqualTo(plan.get("newUsers30d").toString());
            users += ((Number) plan.get("userCount")).longValue();
        }
        assertThat(driver().findElement(By.id("total-users")).getText()).isEqualTo(Long.toString(users));
        JsonPath licenses = given().auth().oauth2(admin).get("/api/v1/admin/stats/licenses").jsonPath();
        List<Map<String, Object>> byStatus = licenses.getList("byStatus");
        for (Map<String, Object> status : byStatus) {
            assertThat(driver().findElement(By.cssSelector("#licenses-by-status tr[data-status='" + status.get("status")
                    + "'] td")).getText()).isEqualTo(status.get("count").toString());
        }
        long activations = licenses.getList("activationsPerDay.count", Long.class).stream().mapToLong(Long::longValue).sum();
        assertThat(driver().findElement(By.id("activations-30d")).getText()).isEqualTo(Long.toString(activations));
        assertThat(driver().findElement(By.cssSelector("#plans tr[data-plan='pro'] td:nth-of-type(3)")).getText())
                .isNotEqualTo("0");

        screenshot("dashboard", 1280);
        screenshot("dashboard-390px", 390);
    }

    @Test
    void suspendingALicense_makesTheNextValidationSaySuspended() {
        TestUser user = Users.aUser().withPlan("pro").register();
        Activated license = user.activated();
        user.activated();
        signIn(Users.ADMIN_EMAIL, Users.ADMIN_PASSWORD);
        open("console/admin/users/" + user.userId());

        click(say("Suspend license ", "ライセンス ") + license.clientId() + say("", " を一時停止"));
        WebElement row = waitForNotice(license, say("Now suspended.", "ステータスを suspended にしました。"));
        assertThat(row.findElement(By.cssSelector(".status")).getText()).isEqualTo("suspended");
        given().contentType(ContentType.JSON).body(Map.of("token", license.token(), "clientId", license.clientId()))
                .post("/api/v1/licenses/validate").then().statusCode(200)
                .body("valid", equalTo(false)).body("code", equalTo("SUSPENDED")).body("status", equalTo("suspended"));

        click(say("Extend license ", "ライセンス ") + license.clientId() + say("", " を延長"));
        waitForNotice(license, say("Extended to ", "まで延長しました。"));
        given().auth().oauth2(TestUser.admin().accessToken()).get("/api/v1/licenses/" + license.licenseId())
                .then().header("ETag", "\"2\"").body("status", equalTo("suspended"));

        screenshot("user", 1280);
        screenshot("user-390px", 390);
    }

    @Test
    void aChangeMadeMeanwhile_isShownAsAConflict_andNotOverwritten() {
        browser.expectSevere("status of 412"); // the stale click is refused on purpose, the row shows why
        TestUser user = Users.aUser().register();
        Activated license = user.activated();
        signIn(Users.ADMIN_EMAIL, Users.ADMIN_PASSWORD);
        open("console/admin/users/" + user.userId());
        // another admin suspends it after the page was loaded (version 0 → 1)
        given().auth().oauth2(TestUser.admin().accessToken()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("status", "suspended")).patch("/api/v1/licenses/" + license.licenseId())
                .then().statusCode(200);

        click(say("Revoke license ", "ライセンス ") + license.clientId() + say("", " を失効"));
        WebElement row = waitForNotice(license, say("changed by someone else", "他のユーザーがこのライセンスを変更しました"));
        assertThat(row.findElement(By.cssSelector(".notice")).getAttribute("role")).isEqualTo("alert");
        assertThat(row.findElement(By.cssSelector(".status")).getText()).isEqualTo("suspended");
        given().auth().oauth2(TestUser.admin().accessToken()).get("/api/v1/licenses/" + license.licenseId())
                .then().body("status", equalTo("suspended")).header("ETag", "\"1\"");
    }

    @Test
    void aBatchAction_changesAllSelected_orNothing() {
        browser.expectSevere("status of 412"); // the stale batch is refused on purpose
        TestUser user = Users.aUser().withPlan("pro").register();
        Activated first = user.activated();
        Activated second = user.activated();
        Activated third = user.activated();
        signIn(Users.ADMIN_EMAIL, Users.ADMIN_PASSWORD);
        open("console/admin/users/" + user.userId());

        applyBatch("revoked", say("2 licenses now revoked.", "2 件のライセンスを revoked にしました。"), first, second);
        for (Activated license : List.of(first, second)) {
            given().auth().oauth2(user.accessToken()).get("/api/v1/licenses/" + license.licenseId())
                    .then().body("status", equalTo("revoked"));
        }

        // all or nothing: the third changed meanwhile, so suspending it together with a fourth changes neither
        Activated fourth = user.activated();
        open("console/admin/users/" + user.userId());
        given().auth().oauth2(TestUser.admin().accessToken()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("status", "suspended")).patch("/api/v1/licenses/" + third.licenseId()).then().statusCode(200);
        applyBatch("revoked", say("Nothing was changed.", "何も変更されませんでした。"), third, fourth);
        given().auth().oauth2(user.accessToken()).get("/api/v1/licenses/" + fourth.licenseId())
                .then().body("status", equalTo("active"));
        given().auth().oauth2(user.accessToken()).get("/api/v1/licenses/" + third.licenseId())
                .then().body("status", equalTo("suspended"));
    }

    @Test
    void theAuditLog_filtersByActionAndSubject() {
        TestUser user = Users.aUser().register();
        Activated license = user.activated();
        given().auth().oauth2(TestUser.admin().accessToken()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("status", "suspended")).patch("/api/v1/licenses/" + license.licenseId()).then().statusCode(200);
        signIn(Users.ADMIN_EMAIL, Users.ADMIN_PASSWORD);
        open("console/admin/audit-log");
        screenshot("audit-log", 1280);

        driver().findElement(By.id("f-action")).sendKeys("LICENSE_SUSPENDED");
        driver().findElement(By.id("f-subject")).sendKeys(license.licenseId().toString());
        driver().findElement(By.id("filter-apply")).click();
        browser.waitUpTo(WAIT).until(ExpectedConditions.urlContains("action=LICENSE_SUSPENDED"));
        List<WebElement> rows = driver().findElements(By.cssSelector("#audit tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getAttribute("data-action")).isEqualTo("LICENSE_SUSPENDED");
        assertThat(rows.get(0).findElement(By.cssSelector("[title='" + license.licenseId() + "']")).getText())
                .isEqualTo(license.licenseId().toString().substring(0, 8) + "…");
        assertThat(driver().findElement(By.id("csv-export")).getAttribute("href"))
                .contains("action=LICENSE_SUSPENDED", "subjectId=" + license.licenseId());
    }

    @Test
    void aUser_deactivatesTheirMachine_andTheSeatIsFree() {
        TestUser user = Users.aUser().register(); // free: one seat
        Activated machine = user.activated();
        user.activate("another-machine-" + user.userId()).then().statusCode(403); // seat limit reached
        signIn(user.email(), user.password());
        open("console/me");

        click(say("Deactivate machine ", "マシン ") + machine.clientId() + say("", " を無効化"));
        browser.waitUpTo(WAIT).until(ExpectedConditions.alertIsPresent()).accept();
        WebElement row = browser.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#machine-" + machine.licenseId() + " .notice")));
        assertThat(row.getText()).isEqualTo(say("Deactivated: its seat is free.", "無効化しました。シートが空きました。"));
        assertThat(driver().findElement(By.cssSelector("#machine-" + machine.licenseId() + " .status")).getText())
                .isEqualTo("deactivated");
        user.activate("another-machine-" + user.userId()).then().statusCode(201);
        screenshot("my-licenses-390px", 390);
    }

    @Test
    void aNonAdmin_isRefusedTheAdminPages() {
        browser.expectSevere("status of 403"); // the admin pages answer a user 403 on purpose
        TestUser user = Users.aUser().register();
        signIn(user.email(), user.password());
        assertThat(driver().getCurrentUrl()).endsWith("/console/me");
        assertThat(driver().findElements(By.linkText(say("Dashboard", "ダッシュボード")))).isEmpty();
        for (String page : List.of("console/admin", "console/admin/users", "console/admin/audit-log")) {
            open(page);
            assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo(say("Not allowed", "アクセスできません"));
            assertPageSpeaksTheLanguage();
        }
    }

    /**
     * "No page over 200 KB of assets": what each page transfers on its first load with an empty cache (the
     * document included), from the browser's own timing entries. Figures in docs/console.md.
     */
    @Test
    void everyPage_transfersAtMost200KbOnItsFirstLoad() {
        TestUser user = Users.aUser().register();
        user.activated();
        signIn(user.email(), user.password());
        List<Browser.PageWeight> weights = new java.util.ArrayList<>();
        weights.add(browser.firstLoad(base + "console/me"));
        signIn(Users.ADMIN_EMAIL, Users.ADMIN_PASSWORD);
        for (String page : List.of("console/admin", "console/admin/users", "console/admin/users/" + user.userId(),
                "console/admin/audit-log")) {
            weights.add(browser.firstLoad(base + page));
        }
        open("console/sign-in");
        driver().manage().deleteAllCookies();
        weights.add(browser.firstLoad(base + "console/sign-in"));
        for (Browser.PageWeight weight : weights) {
            System.out.println(weight);
            assertThat(weight.requests()).as(weight.page()).isGreaterThan(1);
            assertThat(weight.transferred()).as(weight.page()).isPositive().isLessThanOrEqualTo(200 * 1024);
        }
        // Chart.js travels only to the page that draws charts
        assertThat(weights.stream().filter(weight -> weight.files().stream().anyMatch(file -> file.contains("/chart.js/")))
                .map(Browser.PageWeight::page)).containsExactly("/console/admin");
    }

    /** Labels, contrast, visible focus, and 1280 px and 390 px widths: {@link PageChecks} on every page. */
    @Test
    void everyPage_namesItsControls_isReadable_showsTheFocus_andFitsAPhone() {
        TestUser user = Users.aUser().register();
        user.activated();
        Map<String, List<String>> problems = new java.util.LinkedHashMap<>();
        open("console/sign-in");
        driver().manage().deleteAllCookies();
        open("console/sign-in");
        problems.put("sign-in", PageChecks.problems(driver()));
        signIn(user.email(), user.password());
        open("console/me");
        problems.put("console/me", PageChecks.problems(driver()));
        open("console/me/api-keys");
        problems.put("console/me/api-keys", PageChecks.problems(driver()));
        signIn(Users.ADMIN_EMAIL, Users.ADMIN_PASSWORD);
        for (String page : List.of("console/admin", "console/admin/users", "console/admin/users/" + user.userId(),
                "console/admin/audit-log", "console/me/api-keys")) {
            open(page);
            problems.put(page, PageChecks.problems(driver()));
        }
        assertThat(problems).allSatisfy((page, found) -> assertThat(found).as(page).isEmpty());
    }

    /** CSRF in the browser: the deactivate form, posted without its token (and without htmx), changes nothing. */
    @Test
    void aFormPostedWithoutItsCsrfToken_isRefused_andChangesNothing() {
        browser.expectSevere("status of 400"); // the post without its token is refused on purpose
        TestUser user = Users.aUser().register();
        Activated machine = user.activated();
        signIn(user.email(), user.password());
        open("console/me");
        driver().executeScript("var form = document.querySelector('#machine-" + machine.licenseId() + " form');"
                + "form.querySelector('input[name=csrf-token]').remove(); form.submit();");
        browser.waitUpTo(WAIT).until(ExpectedConditions.urlContains("/deactivate"));
        given().auth().oauth2(user.accessToken()).get("/api/v1/licenses/" + machine.licenseId())
                .then().body("status", equalTo("active"));
        open("console/me");
        assertThat(driver().findElement(By.cssSelector("#machine-" + machine.licenseId() + " .status")).getText())
                .isEqualTo("active");
    }

    private void signIn(String email, String password) {
        open("console/sign-in");
        driver().manage().deleteAllCookies();
        open("console/sign-in");
        driver().findElement(By.id("email")).sendKeys(email);
        driver().findElement(By.id("password")).sendKeys(password);
        driver().findElement(By.cssSelector("form[action='/console/sign-in'] button")).click();
        browser.waitUpTo(WAIT).until(driver -> !driver.getCurrentUrl().contains("/sign-in"));
        assertPageSpeaksTheLanguage();
    }

    private void open(String path) {
        driver().get(base.toString() + path);
    }

    private void click(String label) {
        browser.waitUpTo(WAIT).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("button[aria-label='" + label + "']"))).click();
    }

    private void applyBatch(String status, String expectedNotice, Activated... selected) {
        for (Activated license : selected) {
            driver().findElement(By.id("select-" + license.licenseId())).click();
        }
        new Select(driver().findElement(By.id("batch-status"))).selectByValue(status);
        driver().findElement(By.id("batch-apply")).click();
        browser.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("batch-notice"),
                expectedNotice));
    }

    private WebElement waitForNotice(Activated license, String text) {
        By row = By.id("license-" + license.licenseId());
        browser.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(row, text));
        return driver().findElement(row);
    }

    private static ChromeDriver driver() {
        return browser.driver();
    }
}
