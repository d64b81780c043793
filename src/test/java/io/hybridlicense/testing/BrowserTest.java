package io.hybridlicense.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class driving the console in headless Chromium: one browser for the class, and after each test
 * no console page may have logged an error (no script error, no file that did not load, no CSP violation;
 * refusals a test provokes on purpose are named first with {@link Browser#expectSevere}).
 */
public abstract class BrowserTest {

    /** Where the console's screenshots for the README and docs are saved. */
    protected static final Path SCREENSHOTS = Path.of("docs", "screenshots");

    protected static Browser browser;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
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
