package io.hybridlicense.license.validation;

import io.hybridlicense.license.LicenseRequests;
import io.hybridlicense.license.RouteJson;
import io.hybridlicense.shared.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The validate route's body in and out, by hand ({@link RouteJson}): the checks that Bean Validation
 * makes on the REST path, with the same answers ({@link LicenseRequests.Validate}); the answer written as text, in the REST mapper's format
 * ({@code LicenseResponses.Validation} of lifecycle). Data binding, constraint metadata and reflection cost more
 * than the rest of a validation (measured, see docs/PERFORMANCE.md).
 */
public final class ValidationJson {

    private static final String TOKEN = "token";
    private static final String CLIENT_ID = "clientId";
    private static final String REQUIRE_ENTITLEMENTS = "requireEntitlements";
    /** Most entitlement codes one validation may require. */
    static final int MAX_REQUIRED = 64;
    private static final Set<String> STRING_FIELDS = Set.of(TOKEN, CLIENT_ID);

    record Request(String token, String clientId, List<String> requireEntitlements) {
    }

    private ValidationJson() {
    }

    static Request read(byte[] body) throws RouteJson.Refused {
        RouteJson.Fields fields = RouteJson.read(body, STRING_FIELDS, REQUIRE_ENTITLEMENTS, MAX_REQUIRED);
        String token = fields.get(TOKEN);
        String clientId = fields.get(CLIENT_ID);
        check(token, clientId);
        Problem badCodes = checkRequired(fields.array());
        if (badCodes != null) {
            throw new RouteJson.Refused(badCodes);
        }
        return new Request(token, clientId, fields.array());
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
            error = RouteJson.tooMany(REQUIRE_ENTITLEMENTS, MAX_REQUIRED);
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

    private static void check(String token, String clientId) throws RouteJson.Refused {
        List<Problem.FieldError> errors = new ArrayList<>(2);
        if (clientId != null) {
            if (clientId.length() > 128) {
                errors.add(new Problem.FieldError(CLIENT_ID, "size must be between 0 and 128"));
            }
            if (!isClientId(clientId)) {
                errors.add(new Problem.FieldError(CLIENT_ID, LicenseRequests.CLIENT_ID_MESSAGE));
            }
        }
        RouteJson.checkToken(TOKEN, token, errors);
        if (!errors.isEmpty()) {
            throw RouteJson.invalid(errors);
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
