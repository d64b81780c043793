package io.hybridlicense.admin.reporting;

import io.hybridlicense.shared.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Opaque keyset cursors. A cursor carries the sort key of the last row of a page and a fingerprint of
 * the filter it was made for: a cursor presented with another filter (or another list) is refused, as
 * is anything that is not a cursor this server made. It is not a secret: it holds only values the
 * caller has already seen on the page.
 */
public final class Cursors {

    private static final String VERSION = "1";
    private static final char SEPARATOR = '\n';

    private Cursors() {
    }

    /** The cursor after a row whose sort key is {@code key}, for the filter named by {@code filter}. */
    public static String encode(List<String> filter, String... key) {
        StringBuilder text = new StringBuilder(VERSION).append(SEPARATOR).append(fingerprint(filter));
        for (String part : key) {
            text.append(SEPARATOR).append(part);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key in a cursor made for this filter, with {@code parts} parts; 400 for any other. */
    public static List<String> decode(String cursor, List<String> filter, int parts) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        List<String> fields = split(text);
        if (fields.size() != parts + 2 || !fields.get(0).equals(VERSION) || !fields.get(1).equals(fingerprint(filter))) {
            throw invalid();
        }
        return fields.subList(2, fields.size());
    }

    public static ProblemException invalid() {
        return ProblemException.badRequest("invalid-cursor",
                "The cursor was not made by this list with these filters; start again without a cursor");
    }

    private static List<String> split(String text) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == SEPARATOR) {
                fields.add(text.substring(start, i));
                start = i + 1;
            }
        }
        return fields;
    }

    private static String fingerprint(List<String> filter) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String value : filter) {
                // a length prefix keeps ("ab", "") and ("a", "b") apart; null differs from ""
                String part = value == null ? "-" : value.length() + ":" + value;
                sha.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
