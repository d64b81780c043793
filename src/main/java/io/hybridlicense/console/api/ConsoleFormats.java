package io.hybridlicense.console.api;

import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateExtension.TemplateAttribute;
import io.quarkus.qute.TemplateInstance;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Formatting for the console's templates: {@code fmt:time(…)}, {@code fmt:day(…)}, {@code fmt:number(…)},
 * {@code fmt:url(…)}, {@code fmt:details(…)}. Times and numbers follow the page's language (the template's
 * {@code locale} attribute, {@link ConsoleLocale}): English keeps ISO dates ({@code 2026-12-07 22:35}),
 * Japanese writes them as Japanese UIs do ({@code 2026/12/07 22:35}); both in UTC.
 */
@TemplateExtension(namespace = "fmt")
public final class ConsoleFormats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME_JA = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_JA = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private ConsoleFormats() {
    }

    /** UTC, to the minute, as {@code locale} writes dates; a dash for none. */
    public static String time(Instant instant, @TemplateAttribute(TemplateInstance.LOCALE) Object locale) {
        return instant == null ? "—" : (japanese(locale) ? TIME_JA : TIME).format(instant);
    }

    /** The UTC day, as {@code locale} writes dates; a dash for none. */
    public static String day(Instant instant, @TemplateAttribute(TemplateInstance.LOCALE) Object locale) {
        return instant == null ? "—" : (japanese(locale) ? DAY_JA : DAY).format(instant);
    }

    /** A count with the locale's digit grouping ({@code 12,345}). */
    public static String number(long value, @TemplateAttribute(TemplateInstance.LOCALE) Object locale) {
        return NumberFormat.getIntegerInstance(locale instanceof Locale known ? known : Locale.ENGLISH).format(value);
    }

    /** The first 8 characters of a UUID-like id (the full id goes in a title). */
    public static String shortId(String id) {
        return id == null || id.length() <= 13 ? id : id.substring(0, 8) + "…";
    }

    public static String url(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** {@code key=value} pairs in key order (escaped by the template like any text). */
    public static String details(Map<String, Object> details) {
        return details == null ? "" : new TreeMap<>(details).entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(", "));
    }

    private static boolean japanese(Object locale) {
        return locale instanceof Locale known ? known.getLanguage().equals("ja")
                : locale != null && locale.toString().startsWith("ja");
    }
}
