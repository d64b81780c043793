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
final class ValidationJson {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String TOKEN = "token";
    private static final String CLIENT_ID = "clientId";

    record Request(String token, String clientId) {
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
                if (!TOKEN.equals(field) && !CLIENT_ID.equals(field)) {
                    throw new Refused(Problem.of(400, "malformed-json", "Bad Request",
                            "The body has a field this endpoint does not know; it knows clientId, token"));
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
        return new Request(token, clientId);
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
        return quoted(json, outcome.expiresAt()).append('}').toString();
    }

    /** Only for values whose text needs no escaping: ids, enum names, instants. */
    private static StringBuilder quoted(StringBuilder json, Object value) {
        return value == null ? json.append("null") : json.append('"').append(value).append('"');
    }
}
