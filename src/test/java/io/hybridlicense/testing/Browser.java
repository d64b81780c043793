package io.hybridlicense.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through {@code /usr/bin/chromedriver} (never Selenium Manager, which
 * would download a browser). A machine without the two packages fails the tests with what to install.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;
    private final List<String> expectedSevere = new ArrayList<>();

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * A browser whose user prefers {@code language} ({@code en}, {@code ja}): Chromium's UI language and
     * {@code Accept-Language}, set through the DevTools protocol too, which headless Chromium always honours.
     */
    public static Browser start(String language) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("The browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": install the Debian packages with `apt-get install -y chromium chromium-driver` (.ci/run does)");
        }
        try {
            Path profile = Files.createTempDirectory("hl-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + profile, "--window-size=1280,900", "--force-device-scale-factor=1",
                    "--lang=" + language, "--hide-scrollbars");
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
            // the console's entries (script errors, failed loads, CSP violations), read by assertNoSevereLogEntries
            options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            String userAgent = (String) driver.executeScript("return navigator.userAgent");
            driver.executeCdpCommand("Network.setUserAgentOverride", Map.of("userAgent", userAgent, "acceptLanguage", language));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * A {@code SEVERE} entry containing {@code fragment} is expected in this test (a refusal it provokes on
     * purpose, such as a 409 answered to an htmx request, which the browser logs as a failed load).
     */
    public void expectSevere(String fragment) {
        expectedSevere.add(fragment);
    }

    /**
     * Fails on any {@code SEVERE} entry of the browser's console since the last call (a script error, a file
     * that did not load — a 404 —, a CSP violation) that no {@link #expectSevere} of this test announced;
     * forgets the expectations.
     */
    public void assertNoSevereLogEntries() {
        List<String> unexpected = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> expectedSevere.stream().noneMatch(message::contains))
                .toList();
        expectedSevere.clear();
        if (!unexpected.isEmpty()) {
            throw new AssertionError("SEVERE entries in the browser's console: " + unexpected);
        }
    }

    public WebDriverWait waitUpTo(Duration timeout) {
        return new WebDriverWait(driver, timeout);
    }

    /** What a page costs on its first load: the document and every file it loaded, as sent and as decoded. */
    public record PageWeight(String page, long requests, long transferred, long decoded, List<String> files) {

        @Override
        public String toString() {
            return String.format("page weight %s: %d requests, %,d bytes transferred, %,d bytes decoded", page, requests,
                    transferred, decoded);
        }
    }

    /**
     * Loads the page with an empty cache and sums the {@code transferSize} (headers and body as sent, compressed
     * or not) and {@code decodedBodySize} of its Navigation and Resource Timing entries once it has loaded.
     */
    public PageWeight firstLoad(String url) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
        driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        try {
            driver.get(url);
            waitUpTo(Duration.ofSeconds(30)).until(ignored -> "complete".equals(driver.executeScript("return document.readyState")));
            @SuppressWarnings("unchecked")
            Map<String, Object> sums = (Map<String, Object>) driver.executeScript("""
                    return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                      .reduce(function (sum, entry) {
                        sum.transferred += entry.transferSize; sum.decoded += entry.decodedBodySize; sum.requests++;
                        sum.files.push(new URL(entry.name).pathname);
                        return sum; }, {transferred: 0, decoded: 0, requests: 0, files: []});""");
            @SuppressWarnings("unchecked")
            List<String> files = (List<String>) sums.get("files");
            return new PageWeight(files.get(0), number(sums, "requests"), number(sums, "transferred"), number(sums, "decoded"),
                    files);
        } finally {
            driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", false));
        }
    }

    private static long number(Map<String, Object> values, String name) {
        return ((Number) values.get(name)).longValue();
    }

    /**
     * A PNG of the whole page as a device of this width shows it (a phone's viewport below 500 px), taken
     * through the DevTools protocol: a headless window cannot grow past the screen.
     */
    public void screenshot(Path file, int width) {
        try {
            boolean phone = width < 500;
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", phone));
            long height = (Long) driver.executeScript(
                    "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                    "height", (int) Math.min(Math.max(height, 600), 6000), "deviceScaleFactor", 1, "mobile", phone));
            Files.createDirectories(file.getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
