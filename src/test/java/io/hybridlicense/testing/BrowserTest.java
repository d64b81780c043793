package io.hybridlicense.testing;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test class driving the console in headless Chromium: one browser for the class, and after each test
 * no console page may have logged an error (no script error, no file that did not load, no CSP violation;
 * refusals a test provokes on purpose are named first with {@link Browser#expectSevere}).
 * <p>
 * The browser prefers English; a subclass that overrides {@link #language()} runs every test of its class
 * again with a browser that prefers that language (each console test class has a Japanese twin), and
 * {@link #say} gives the words a test expects in the language it runs in.
 */
public abstract class BrowserTest {

    /** Where the console's screenshots for the README and docs are saved. */
    protected static final Path SCREENSHOTS = Path.of("docs", "screenshots");
    /** The pages whose Japanese screenshots the README shows (the others would only add files to docs/). */
    private static final Set<String> JAPANESE_SCREENSHOTS = Set.of("dashboard", "designer");

    protected static Browser browser;

    /** The language the browser prefers: {@code en}, or {@code ja} in the Japanese twins. */
    protected String language() {
        return "en";
    }

    /** The words a page shows in the language of this run. */
    protected String say(String english, String japanese) {
        return japanese() ? japanese : english;
    }

    protected boolean japanese() {
        return "ja".equals(language());
    }

    /**
     * Saves {@code docs/screenshots/<name>.png} as the page shows at {@code width}; in Japanese
     * {@code <name>-ja.png}, for the pages the README shows in Japanese, at full width only.
     */
    protected void screenshot(String name, int width) {
        if (!japanese()) {
            browser.screenshot(SCREENSHOTS.resolve(name + ".png"), width);
        } else if (JAPANESE_SCREENSHOTS.contains(name) && width >= 1280) {
            browser.screenshot(SCREENSHOTS.resolve(name + "-ja.png"), width);
        }
    }

    /** The page the browser shows speaks the language of this run. */
    protected void assertPageSpeaksTheLanguage() {
        String lang = browser.driver().findElement(org.openqa.selenium.By.tagName("html")).getAttribute("lang");
        if (!language().equals(lang)) {
            throw new AssertionError("The page " + browser.driver().getCurrentUrl() + " speaks " + lang + ", not " + language());
        }
    }

    @BeforeEach
    void startBrowser() {
        if (browser == null) {
            browser = Browser.start(language());
        }
    }

    @AfterEach
    void noSevereBrowserLogEntries() {
        browser.assertNoSevereLogEntries();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
