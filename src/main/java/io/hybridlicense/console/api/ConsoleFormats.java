package io.hybridlicense.console.api;

import io.quarkus.qute.TemplateExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Formatting for the console's templates: {@code fmt:time(…)}, {@code fmt:url(…)}, {@code fmt:details(…)}. */
@TemplateExtension(namespace = "fmt")
public final class ConsoleFormats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private ConsoleFormats() {
    }

    /** UTC, to the minute; a dash for none. */
    public static String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant);
    }

    /** The UTC day; a dash for none. */
    public static String day(Instant instant) {
        return instant == null ? "—" : DateTimeFormatter.ISO_LOCAL_DATE.format(instant.atZone(ZoneOffset.UTC));
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
}
