package io.hybridlicense.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Cheap, honest checks of the page the browser shows: every control has a name, text reaches WCAG AA
 * contrast on its background, keyboard focus is visible, and the page fits a given width without scrolling
 * sideways. Each returns what fails, empty when all is well. Not a full audit (no screen reader is run).
 */
public final class PageChecks {

    /** Colours as the browser computed them; a translucent background is laid over its parent's. */
    private static final String COLOURS = """
            function rgba(text) {
              var v = text.match(/[\\d.]+/g).map(Number);
              return {r: v[0], g: v[1], b: v[2], a: v.length > 3 ? v[3] : 1};
            }
            function over(top, bottom) {
              return {r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
                      b: top.b * top.a + bottom.b * (1 - top.a), a: 1};
            }
            function background(element) {
              if (!element) { return {r: 255, g: 255, b: 255, a: 1}; }
              var own = rgba(getComputedStyle(element).backgroundColor);
              return own.a >= 1 ? own : over(own, background(element.parentElement));
            }
            function luminance(c) {
              return [c.r, c.g, c.b].map(function (v) {
                v = v / 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
              }).reduce(function (sum, v, i) { return sum + v * [0.2126, 0.7152, 0.0722][i]; }, 0);
            }
            function ratio(a, b) {
              var x = luminance(a), y = luminance(b);
              return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
            }
            """;

    private PageChecks() {
    }

    /** Inputs, selects, text areas and buttons without an accessible name. */
    @SuppressWarnings("unchecked")
    public static List<String> unnamedControls(ChromeDriver driver) {
        return (List<String>) driver.executeScript("""
                return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea, button'))
                  .filter(function (control) {
                    var byLabel = Array.from(control.labels || []).some(function (l) { return l.textContent.trim(); });
                    var by = control.getAttribute('aria-labelledby');
                    var byId = by && by.split(' ').some(function (id) {
                      var e = document.getElementById(id); return e && e.textContent.trim(); });
                    var own = control.tagName === 'BUTTON' && control.textContent.trim();
                    return !(byLabel || byId || own || (control.getAttribute('aria-label') || '').trim());
                  }).map(function (control) { return control.outerHTML.substring(0, 160); });""");
    }

    /** Visible text below 4.5:1 (3:1 when large: 24 px, or 18.66 px bold) against what is behind it. */
    @SuppressWarnings("unchecked")
    public static List<String> lowContrastText(ChromeDriver driver) {
        return (List<String>) driver.executeScript(COLOURS + """
                var failures = [];
                document.querySelectorAll('body *').forEach(function (element) {
                  var text = Array.from(element.childNodes).filter(function (n) {
                    return n.nodeType === 3 && n.textContent.trim(); }).map(function (n) { return n.textContent.trim(); }).join(' ');
                  var box = element.getBoundingClientRect();
                  var style = getComputedStyle(element);
                  if (!text || box.width < 2 || box.height < 2 || style.visibility === 'hidden' || box.right < 0
                      || element.closest('.visually-hidden') || element.disabled) { return; }
                  var size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
                  var needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
                  var colour = over(rgba(style.color), background(element));
                  var r = ratio(colour, background(element));
                  if (r < needed) { failures.push(element.tagName + ' "' + text.substring(0, 40) + '" ' + r.toFixed(2) + ':1'); }
                });
                return failures;""");
    }

    /**
     * Tabs through the first {@code stops} focusable elements and names those the keyboard focus leaves
     * without a visible outline (at least 2 px, 3:1 against the background).
     */
    @SuppressWarnings("unchecked")
    public static List<String> focusWithoutOutline(ChromeDriver driver, int stops) {
        driver.executeScript("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < stops; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            Map<String, Object> focused = (Map<String, Object>) driver.executeScript(COLOURS + """
                    var element = document.activeElement, style = getComputedStyle(element);
                    var width = parseFloat(style.outlineWidth), box = element.getBoundingClientRect();
                    // what the outline is drawn over: whatever lies just outside the element's left (or right) edge
                    var gap = parseFloat(style.outlineOffset) + width / 2;
                    var x = box.left - gap >= 0 ? box.left - gap : box.right + gap;
                    var under = document.elementsFromPoint(x, box.top + box.height / 2).filter(function (e) {
                      return e !== element && !element.contains(e); })[0] || document.documentElement;
                    var visible = style.outlineStyle !== 'none' && width >= 2
                      && ratio(over(rgba(style.outlineColor), background(under)), background(under)) >= 3;
                    return {what: element.tagName + ' ' + (element.textContent || element.id || '').trim().substring(0, 40),
                            visible: visible, body: element === document.body};""");
            if (Boolean.TRUE.equals(focused.get("body"))) {
                break;
            }
            if (!Boolean.TRUE.equals(focused.get("visible"))) {
                failures.add(String.valueOf(focused.get("what")));
            }
        }
        return failures;
    }

    /**
     * Every check on the page as it is: names, contrast, the focus of its first 15 tab stops, and no
     * sideways scrolling at 1280 px and 390 px (tables scroll inside their own box).
     */
    public static List<String> problems(ChromeDriver driver) {
        List<String> problems = new ArrayList<>();
        unnamedControls(driver).forEach(control -> problems.add("no name: " + control));
        lowContrastText(driver).forEach(text -> problems.add("contrast: " + text));
        focusWithoutOutline(driver, 15).forEach(element -> problems.add("focus not visible: " + element));
        for (int width : new int[] {1280, 390}) {
            long pageWidth = pageWidthAt(driver, width);
            if (pageWidth > width) {
                problems.add("at " + width + " px the page is " + pageWidth + " px wide");
            }
        }
        return problems;
    }

    /**
     * How wide the page is (CSS px) when loaded in a viewport of this width, as a phone shows it below
     * 500 px. The page is loaded again (a GET page, then), so that it lays itself out for that width, charts included.
     */
    public static long pageWidthAt(ChromeDriver driver, int width) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", width < 500));
        try {
            driver.navigate().refresh();
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(ignored -> "complete".equals(driver.executeScript("return document.readyState")));
            return ((Number) driver.executeScript("return document.documentElement.scrollWidth")).longValue();
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }
}
