package io.hybridlicense.admin.reporting;

import io.hybridlicense.shared.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Parses the admin lists' query parameters; a refusal names the parameter, never the value. */
public final class QueryParams {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private QueryParams() {
    }

    public static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ProblemException.badRequest("invalid-request", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    public static UUID uuid(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw ProblemException.badRequest("invalid-request", name + " must be a UUID");
    }

    public static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid-request",
                    name + " must be an ISO-8601 instant in UTC, such as 2026-01-31T00:00:00Z");
        }
    }
}
