package io.hybridlicense.platform;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What text may reach the application at all. PostgreSQL refuses U+0000 in {@code text} (a 500 before this
 * check) and the JDBC driver turns an unpaired surrogate into {@code ?} (silent corruption), so neither may
 * enter through a JSON body, a path or a query; malformed UTF-8 is refused for the same reason (a surrogate
 * encoded in three bytes decodes into an unpaired one in lenient decoders).
 */
final class TextRules {

    /** RFC 3986 unreserved and reserved characters besides letters and digits ('%' is handled apart). */
    private static final String URI_CHARACTERS = "-._~:/?#[]@!$&'()*+,;=";
    private static final String NUL_OR_SURROGATE = "The body holds a NUL character or an unpaired surrogate";

    private TextRules() {
    }

    /** Why a JSON body is refused, or {@code null} when its text is acceptable. */
    static String jsonProblem(byte[] body) {
        CharBuffer text;
        try {
            text = strictUtf8(body);
        } catch (CharacterCodingException e) {
            return "The body is not well-formed UTF-8";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.get(i);
            if (c == '\0') {
                return NUL_OR_SURROGATE;
            }
            if (c != '\\' || i + 1 >= text.length()) {
                continue;
            }
            if (text.get(i + 1) != 'u') {
                i++; // an escape such as \" or \\: its second character is no escape of its own
                continue;
            }
            int code = hexAt(text, i + 2);
            if (code == 0 || Character.isLowSurrogate((char) code)) {
                return NUL_OR_SURROGATE;
            }
            if (Character.isHighSurrogate((char) code)) {
                boolean paired = i + 7 < text.length() && text.get(i + 6) == '\\' && text.get(i + 7) == 'u'
                        && Character.isLowSurrogate((char) hexAt(text, i + 8));
                if (!paired) {
                    return NUL_OR_SURROGATE;
                }
                i += 6;
            }
            i += 5;
        }
        return null;
    }

    /**
     * Why a raw (still percent-encoded) path or query is refused, or {@code null} when it holds only the
     * characters RFC 3986 allows and decodes into UTF-8 text without control characters.
     */
    static String uriProblem(String raw) {
        if (raw == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (low < 0) {
                    return "The URI holds a malformed percent-encoding";
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (URI_CHARACTERS.indexOf(c) >= 0 || c < 128 && Character.isLetterOrDigit(c)) {
                bytes.write(c);
            } else {
                return "The URI holds a character that must be percent-encoded";
            }
        }
        try {
            CharBuffer text = strictUtf8(bytes.toByteArray());
            for (int i = 0; i < text.length(); i++) {
                if (Character.isISOControl(text.get(i))) {
                    return "The URI holds a control character such as NUL";
                }
            }
            return null;
        } catch (CharacterCodingException e) {
            return "The URI is not well-formed UTF-8 once percent-decoded";
        }
    }

    private static CharBuffer strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes));
    }

    /** The four hex digits at {@code at}, or -1 when there are none (the JSON parser reports that). */
    private static int hexAt(CharBuffer text, int at) {
        if (at + 4 > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = at; i < at + 4; i++) {
            int digit = Character.digit(text.get(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }
}
