package io.hybridlicense.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;

/**
 * Every word a console page shows comes from a message bundle ({@code msg:}, {@code admin:}, {@code sync:},
 * {@code hooks:}, {@code problem:}), so that it exists in every language: this parses each template under
 * {@code src/main/resources/templates} as HTML with its Qute expressions and sections taken out, and fails on
 * any text node or shown attribute that still holds a letter.
 */
class ConsoleTemplateTextTest {

    private static final Path TEMPLATES = Path.of("src", "main", "resources", "templates");
    /** Qute comments, raw text blocks ({|…|}: the htmx configuration's JSON), then every expression or section tag. */
    private static final Pattern COMMENT = Pattern.compile("\\{!.*?!}", Pattern.DOTALL);
    private static final Pattern RAW = Pattern.compile("\\{\\|.*?\\|}", Pattern.DOTALL);
    private static final Pattern QUTE = Pattern.compile("\\{[^{}]*}");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");
    /** Attributes a person reads or hears: tooltips, placeholders, accessible names, confirmations, card labels. */
    private static final Set<String> SHOWN_ATTRIBUTES = Set.of("title", "placeholder", "aria-label", "alt", "hx-confirm",
            "data-label", "data-series", "data-series2", "label");
    /**
     * Placeholders that show the syntax an input expects, the same in every language: an audit action, ISO-8601
     * instants, a file name, a URL.
     */
    private static final Set<String> EXAMPLES = Set.of("LICENSE_SUSPENDED", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z",
            "shop.db", "https://example.com/hooks");

    @Test
    void everyShownTextOfEveryTemplateComesFromABundle() throws IOException {
        List<Path> templates;
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            templates = files.filter(file -> file.toString().endsWith(".html")).sorted().toList();
        }
        assertThat(templates).hasSizeGreaterThan(25);
        List<String> untranslated = new ArrayList<>();
        for (Path template : templates) {
            untranslated.addAll(untranslated(template));
        }
        assertThat(untranslated).as("text in templates that no message bundle gives (use {msg:…} and friends)").isEmpty();
    }

    /** The test itself: a template with a word of its own is caught, in text and in a shown attribute. */
    @Test
    void findsTextNotTakenFromABundle() {
        assertThat(untranslated("t.html", "<p>{msg:signIn} <a href=\"/x\" title=\"Open it\">{msg:signUp}</a> or not</p>"
                + "<button aria-label=\"{msg:signIn}\">{#if x}Go{/if}</button>"))
                .containsExactlyInAnyOrder("t.html: text \"or not\"", "t.html: text \"Go\"", "t.html: title=\"Open it\"");
        assertThat(untranslated("t.html", "{! a comment !}<input value=\"{x}\" placeholder=\"shop.db\"> · —")).isEmpty();
    }

    private static List<String> untranslated(Path template) throws IOException {
        return untranslated(TEMPLATES.relativize(template).toString(), Files.readString(template, StandardCharsets.UTF_8));
    }

    static List<String> untranslated(String name, String template) {
        String html = QUTE.matcher(RAW.matcher(COMMENT.matcher(template).replaceAll("")).replaceAll("")).replaceAll("");
        Document page = Jsoup.parse(html);
        List<String> found = new ArrayList<>();
        for (Element element : page.getAllElements()) {
            for (TextNode text : element.textNodes()) {
                if (LETTER.matcher(text.text()).find()) {
                    found.add(name + ": text \"" + text.text().strip() + "\"");
                }
            }
            element.attributes().forEach(attribute -> {
                boolean shown = SHOWN_ATTRIBUTES.contains(attribute.getKey())
                        || attribute.getKey().equals("value") && isButton(element);
                if (shown && LETTER.matcher(attribute.getValue()).find() && !EXAMPLES.contains(attribute.getValue())) {
                    found.add(name + ": " + attribute.getKey() + "=\"" + attribute.getValue() + "\"");
                }
            });
        }
        return found;
    }

    private static boolean isButton(Element element) {
        return element.tagName().equals("input") && Set.of("submit", "button", "reset").contains(element.attr("type"));
    }
}
