package io.hybridlicense.schemasync.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridlicense.schemasync.Api;
import io.hybridlicense.schemasync.TestTargets;
import io.hybridlicense.schemasync.Tokens;
import io.hybridlicense.testing.Browser;
import io.hybridlicense.testing.BrowserTest;
import io.hybridlicense.testing.PageChecks;
import io.hybridlicense.testing.Users.TestUser;
import io.hybridlicense.testing.Users;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
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
 * The table designer in headless Chromium against the running application, on a SQLite database made
 * by hand: register it, import its table, add a column and see it synced without reloading, the
 * timeline and the schema at a version, revert; and the drift view after a change behind our back.
 * Saves the screenshots of the designer, the timeline and the drift view to docs/screenshots/.
 */
@QuarkusTest
class DesignerBrowserTest extends BrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL base;

    @Test
    void register_import_addAColumn_seeItSynced_timeline_revert() {
        // refused on purpose: a column name taken (409), a revert that would lose data (422)
        browser.expectSevere("status of 409");
        browser.expectSevere("status of 422");
        TestUser user = Users.aUser().register();
        TestTargets.Target target = TestTargets.sqlite(api(user));
        target.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city VARCHAR(80))");
        target.execute("INSERT INTO customers (name, city) VALUES ('Ada', 'London')");
        signIn(user);

        open("console/me/datasources");
        driver().findElement(By.id("ds-name")).sendKeys("Shop");
        new Select(driver().findElement(By.id("ds-kind"))).selectByValue("sqlite");
        driver().findElement(By.id("ds-file")).sendKeys(target.registration().get("file").toString());
        driver().findElement(By.id("ds-register")).click();
        browser.waitUpTo(WAIT).until(ExpectedConditions.urlMatches("/console/me/datasources/[0-9a-f-]{36}$"));

        driver().findElement(By.id("check-button")).click();
        assertThat(waitForText(By.id("check-result"), say("Reachable: SQLite", "接続できました: SQLite")).getAttribute("role")).isEqualTo("status");

        driver().findElement(By.id("import-button")).click();
        waitForText(By.id("tables-notice"), say("Imported customers.", "customers をインポートしました。"));
        WebElement row = driver().findElement(By.cssSelector("#tables tr[data-name='customers']"));
        assertThat(row.findElement(By.cssSelector(".status")).getText()).isEqualTo("synced");
        row.findElement(By.cssSelector("a")).click();

        waitForText(By.id("table-status"), "synced");
        String designerPage = driver().getCurrentUrl();
        driver().findElement(By.id("add-name")).sendKeys("email");
        new Select(driver().findElement(By.id("add-base"))).selectByValue("varchar");
        driver().findElement(By.id("add-size")).sendKeys("200");
        driver().findElement(By.id("add-submit")).click();
        waitForText(By.id("designer-notice"), say("Column email requested.", "列 email の追加をリクエストしました。"));
        // no reload: the polled status turns synced, and the columns are re-read
        waitForText(By.id("table-status"), "synced");
        assertThat(driver().findElement(By.cssSelector("tr[data-column='email'] td:nth-of-type(2)")).getText()).isEqualTo("varchar(200)");
        assertThat(target.columns("customers")).containsExactly("id", "name", "city", "email");
        screenshot("designer", 1280);
        screenshot("designer-390px", 390);

        // a refusal is shown next to the field it is about
        driver().findElement(By.id("add-name")).sendKeys("email");
        driver().findElement(By.id("add-submit")).click();
        assertThat(waitForText(By.id("add-name-error"), "already exists").isDisplayed()).isTrue();
        assertThat(driver().findElement(By.id("add-name")).getAttribute("aria-describedby")).isEqualTo("add-name-error");

        driver().findElement(By.id("timeline-link")).click();
        waitForText(By.id("timeline"), say("Add column email varchar(200)", "列を追加: email varchar(200)"));
        driver().findElement(By.id("show-1")).click();
        WebElement schema = waitForText(By.id("schema-at"), say("Schema at version 1", "バージョン 1 のスキーマ"));
        assertThat(schema.findElements(By.cssSelector("#schema-columns tbody tr")).stream()
                .map(r -> r.findElement(By.cssSelector("td")).getText()).toList()).containsExactly("id", "name", "city");
        screenshot("timeline", 1280);

        // revert to the imported shape: refused while it would lose the new column's data, then accepted
        driver().findElement(By.id("revert-1")).click();
        waitForText(By.id("timeline-notice"), "email");
        assertThat(driver().findElement(By.id("timeline-notice")).getText()).contains(say("accept losing data", "データの損失を許可する"));
        assertThat(target.columns("customers")).contains("email");
        driver().findElement(By.id("revert-loss-1")).click();
        driver().findElement(By.id("revert-1")).click();
        waitForText(By.id("designer-notice"), say("Revert to version 1 requested.", "バージョン 1 への復元をリクエストしました。"));
        waitForText(By.id("table-status"), "synced");
        assertThat(driver().findElements(By.cssSelector("tr[data-column='email']"))).isEmpty();
        assertThat(target.columns("customers")).containsExactly("id", "name", "city");

        Browser.PageWeight designer = browser.firstLoad(designerPage);
        System.out.println(designer);
        assertThat(designer.transferred()).isPositive().isLessThanOrEqualTo(200 * 1024);
        assertThat(PageChecks.problems(driver())).as("the designer").isEmpty();
        open("console/me/datasources");
        assertThat(PageChecks.problems(driver())).as("the data sources").isEmpty();
    }

    @Test
    void theDriftView_showsAChangeBehindOurBack_andAdoptTakesItIntoTheModel() {
        browser.expectSevere("status of 409"); // a change to a drifted table is refused on purpose
        TestUser user = Users.aUser().register();
        Api api = api(user);
        TestTargets.Target target = TestTargets.sqlite(api);
        target.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, total NUMERIC(10,2) NOT NULL)");
        String datasourceId = api.register(target);
        String tableId = api.request().body(Map.of()).post("/api/v1/datasources/" + datasourceId + "/import")
                .then().statusCode(201).extract().path("tables[0].tableId");
        target.execute("ALTER TABLE orders ADD COLUMN note TEXT");
        target.execute("CREATE TABLE audit (id INTEGER PRIMARY KEY)");
        signIn(user);

        open("console/me/datasources/" + datasourceId);
        driver().findElement(By.id("drift-button")).click();
        WebElement drifted = browser.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("drift-" + tableId)));
        assertThat(drifted.findElement(By.cssSelector("tr[data-kind='extra-column'] td:nth-of-type(2)")).getText())
                .isEqualTo("note");
        assertThat(driver().findElement(By.id("extra-tables")).getText()).isEqualTo("audit");
        screenshot("drift", 1280);

        // refused while drifted, and said so
        open("console/me/tables/" + tableId);
        assertThat(driver().findElement(By.id("drift")).getText()).contains("note");
        driver().findElement(By.id("add-name")).sendKeys("paid");
        new Select(driver().findElement(By.id("add-base"))).selectByValue("boolean");
        driver().findElement(By.id("add-submit")).click();
        waitForText(By.id("designer-notice"), say("Not changed", "変更されませんでした"));

        driver().findElement(By.id("adopt-" + tableId)).click();
        waitForText(By.id("designer-notice"), say("Adopted", "取り込みました"));
        assertThat(driver().findElements(By.id("drift"))).isEmpty();
        assertThat(driver().findElement(By.cssSelector("tr[data-column='note']")).isDisplayed()).isTrue();
        assertThat(api.table(tableId).getList("drift")).isEmpty();
        assertThat(api.table(tableId).getList("columns.name")).containsExactly("id", "total", "note");
    }

    private static Api api(TestUser user) {
        return new Api(new Tokens.Identity(user.userId().toString(), user.accessToken()));
    }

    private void signIn(TestUser user) {
        open("console/sign-in");
        driver().manage().deleteAllCookies();
        open("console/sign-in");
        driver().findElement(By.id("email")).sendKeys(user.email());
        driver().findElement(By.id("password")).sendKeys(user.password());
        driver().findElement(By.cssSelector("form[action='/console/sign-in'] button")).click();
        browser.waitUpTo(WAIT).until(driver -> !driver.getCurrentUrl().contains("/sign-in"));
        assertPageSpeaksTheLanguage();
    }

    private void open(String path) {
        driver().get(base.toString() + path);
    }

    private WebElement waitForText(By element, String text) {
        browser.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(element, text));
        return driver().findElement(element);
    }

    private static ChromeDriver driver() {
        return browser.driver();
    }
}
