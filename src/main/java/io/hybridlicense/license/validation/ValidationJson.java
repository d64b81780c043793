package io.hybridlicense.license.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.hybridlicense.license.LicenseRequests;
import io.hybridlicense.shared.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The validate route's body in and out, by hand: Jackson's streaming parser for the two fields and the
 * checks that Bean Validation and the JSON text guard make on the REST path, with the same answers
 * ({@link LicenseRequests.Validate}); the answer written as text, in the REST mapper's format
 * ({@code LicenseResponses.Validation} of lifecycle). Data binding, constraint metadata and reflection cost more
 * than the rest of a validation (measured, see docs/PERFORMANCE.md).
 */
public final class ValidationJson {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String TOKEN = "token";
    private static final String CLIENT_ID = "clientId";
    private static final String REQUIRE_ENTITLEMENTS = "requireEntitlements";
    /** Most entitlement codes one validation may require. */
    static final int MAX_REQUIRED = 64;

    record Request(String token, String clientId, List<String> requireEntitlements) {
    }

    /** A body refused with the problem to answer; the problem never repeats the input. */
    static final class Refused extends Exception {
        private final transient Problem problem;

        Refused(Problem problem) {
            super(problem.detail(), null, false, false);
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }

    private ValidationJson() {
    }

    static Request read(byte[] body) throws Refused {
        String token = null;
        String clientId = null;
        List<String> required = List.of();
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                throw invalid(List.of(new Problem.FieldError("body", "must not be null")));
            }
            if (first != JsonToken.START_OBJECT) {
                throw malformed(parser.currentLocation());
            }
            for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (REQUIRE_ENTITLEMENTS.equals(field)) {
                    required = readCodes(parser, value);
                    continue;
                }
                if (!TOKEN.equals(field) && !CLIENT_ID.equals(field)) {
                    throw new Refused(Problem.of(400, "malformed-json", "Bad Request",
                            "The body has a field this endpoint does not know; it knows clientId, requireEntitlements, token"));
                }
                if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                    throw new Refused(Problem.of(400, "malformed-json", "Bad Request",
                            "Field '" + field + "' has the wrong type or shape"));
                }
                String text = value == JsonToken.VALUE_NULL ? null : parser.getText();
                if (TOKEN.equals(field)) {
                    token = text;
                } else {
                    clientId = text;
                }
            }
        } catch (JsonProcessingException e) {
            throw malformed(e.getLocation());
        } catch (IOException e) {
            throw malformed(null);
        }
        check(token, clientId);
        Problem badCodes = checkRequired(required);
        if (badCodes != null) {
            throw new Refused(badCodes);
        }
        return new Request(token, clientId, required);
    }

    private static List<String> readCodes(JsonParser parser, JsonToken value) throws IOException, Refused {
        if (value == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (value != JsonToken.START_ARRAY) {
            throw new Refused(Problem.of(400, "malformed-json", "Bad Request",
                    "Field '" + REQUIRE_ENTITLEMENTS + "' has the wrong type or shape"));
        }
        List<String> codes = new ArrayList<>();
        for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
            if (item != JsonToken.VALUE_STRING || codes.size() > MAX_REQUIRED) {
                throw new Refused(item == JsonToken.VALUE_STRING ? Problem.of(400, "invalid-request", "Bad Request",
                        "Invalid fields: " + REQUIRE_ENTITLEMENTS).withErrors(List.of(tooMany()))
                        : Problem.of(400, "malformed-json", "Bad Request",
                        "Field '" + REQUIRE_ENTITLEMENTS + "' has the wrong type or shape"));
            }
            codes.add(parser.getText());
        }
        return codes;
    }

    /**
     * The REST resource's and this route's one check of {@code requireEntitlements}: at most 64 codes, each
     * well-formed (1–64 characters {@code [a-z0-9-]}); {@code null} when they pass. A well-formed code the
     * catalogue does not have is no error: it is simply missing.
     */
    public static Problem checkRequired(List<String> codes) {
        if (codes == null || codes.isEmpty()) {
            return null;
        }
        Problem.FieldError error = null;
        if (codes.size() > MAX_REQUIRED) {
            error = tooMany();
        } else {
            for (String code : codes) {
                if (code == null || !isEntitlementCode(code)) {
                    error = new Problem.FieldError(REQUIRE_ENTITLEMENTS, "each must be 1 to 64 characters a-z, 0-9 or -");
                    break;
                }
            }
        }
        return error == null ? null
                : Problem.of(400, "invalid-request", "Bad Request", "Invalid fields: " + REQUIRE_ENTITLEMENTS).withErrors(List.of(error));
    }

    private static Problem.FieldError tooMany() {
        return new Problem.FieldError(REQUIRE_ENTITLEMENTS, "size must be between 0 and " + MAX_REQUIRED);
    }

    private static boolean isEntitlementCode(String code) {
        int length = code.length();
        if (length < 1 || length > 64) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = code.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static void check(String token, String clientId) throws Refused {
        if (hasNulOrLoneSurrogate(token) || hasNulOrLoneSurrogate(clientId)) {
            throw new Refused(Problem.of(400, "invalid-text", "Bad Request",
                    "The body holds a NUL character or an unpaired surrogate"));
        }
        List<Problem.FieldError> errors = new ArrayList<>(2);
        if (clientId != null) {
            if (clientId.length() > 128) {
                errors.add(new Problem.FieldError(CLIENT_ID, "size must be between 0 and 128"));
            }
            if (!isClientId(clientId)) {
                errors.add(new Problem.FieldError(CLIENT_ID, LicenseRequests.CLIENT_ID_MESSAGE));
            }
        }
        if (token == null || token.isBlank()) {
            errors.add(new Problem.FieldError(TOKEN, "must not be blank"));
        } else if (token.length() > LicenseRequests.MAX_TOKEN) {
            errors.add(new Problem.FieldError(TOKEN, "size must be between 0 and " + LicenseRequests.MAX_TOKEN));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    /** {@link LicenseRequests#CLIENT_ID}: 1–128 printable ASCII characters, no space at either end. */
    static boolean isClientId(String value) {
        int length = value.length();
        if (length < 1 || length > 128 || value.charAt(0) == ' ' || value.charAt(length - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasNulOrLoneSurrogate(String value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0' || Character.isLowSurrogate(c)) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return true;
                }
                i++;
            }
        }
        return false;
    }

    private static Refused invalid(List<Problem.FieldError> errors) {
        String fields = String.join(", ", errors.stream().map(Problem.FieldError::field).distinct().sorted().toList());
        return new Refused(Problem.of(400, "invalid-request", "Bad Request", "Invalid fields: " + fields)
                .withErrors(errors.stream().sorted(java.util.Comparator.comparing(Problem.FieldError::field)).toList()));
    }

    private static Refused malformed(JsonLocation location) {
        return new Refused(Problem.of(400, "malformed-json", "Bad Request", location == null
                ? "The body is not valid JSON"
                : "The body is not valid JSON (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"));
    }

    /** {@code LicenseResponses.Validation} as the REST mapper writes it (nulls included, ISO-8601 instants). */
    static String write(ValidateLicense.Outcome outcome) {
        StringBuilder json = new StringBuilder(180).append("{\"valid\":").append(outcome.valid())
                .append(",\"code\":\"").append(outcome.code().name()).append("\",\"licenseId\":");
        quoted(json, outcome.licenseId()).append(",\"status\":");
        quoted(json, outcome.status() == null ? null : outcome.status().wireName()).append(",\"expiresAt\":");
        quoted(json, outcome.expiresAt()).append(",\"graceEndsAt\":");
        quoted(json, outcome.graceEndsAt()).append(",\"entitlements\":");
        codes(json, outcome.entitlements()).append(",\"missing\":");
        return codes(json, outcome.missing()).append('}').toString();
    }

    /** Entitlement codes ({@code [a-z0-9-]}, checked on the way in): no escaping needed. */
    private static StringBuilder codes(StringBuilder json, List<String> codes) {
        if (codes == null) {
            return json.append("null");
        }
        json.append('[');
        for (int i = 0; i < codes.size(); i++) {
            quoted(i == 0 ? json : json.append(','), codes.get(i));
        }
        return json.append(']');
    }

    /** Only for values whose text needs no escaping: ids, enum names, instants. */
    private static StringBuilder quoted(StringBuilder json, Object value) {
        return value == null ? json.append("null") : json.append('"').append(value).append('"');
    }
}
