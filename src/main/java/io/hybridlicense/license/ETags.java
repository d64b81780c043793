package io.hybridlicense.license;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Strong ETags carrying the optimistic-lock version: {@code "7"}. */
public final class ETags {

    private static final Pattern VERSION = Pattern.compile("\\s*(?:W/)?\"(\\d{1,18})\"\\s*");

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version named by an {@code If-Match} header; empty when the header is absent. A header that
     * names no version of ours (such as {@code *} or a list) can never match: -1.
     */
    public static OptionalLong versionIn(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return OptionalLong.empty();
        }
        Matcher matcher = VERSION.matcher(ifMatch);
        return OptionalLong.of(matcher.matches() ? Long.parseLong(matcher.group(1)) : -1);
    }
}
