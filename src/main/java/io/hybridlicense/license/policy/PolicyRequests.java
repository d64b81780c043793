package io.hybridlicense.license.policy;

import io.hybridlicense.auth.api.Plan;
import io.hybridlicense.license.domain.Policy;
import io.hybridlicense.shared.PlainText;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** The request bodies of the policy, plan and entitlement endpoints. */
final class PolicyRequests {

    static final int MAX_ENTITLEMENTS = 256;

    private PolicyRequests() {
    }

    /**
     * A policy's terms; durations are ISO-8601 ({@code P365D}, {@code PT72H}). Heartbeat settings: see
     * license.heartbeat ({@code null} interval: none required).
     */
    record PolicyBody(@NotBlank @PlainText @Size(max = 100) String name,
                      @NotNull @PositiveOrZero @Max(1_000_000) Integer seats,
                      @NotNull @Size(max = 40) String duration,
                      @Size(max = 40) String expiryGrace,
                      @Size(max = 40) String offlineTtl,
                      @Size(max = 40) String heartbeatInterval,
                      @Size(max = 40) String heartbeatGrace,
                      @Size(max = 40) String cullAfter,
                      @Size(max = 40) String resurrectWithin,
                      @Size(max = MAX_ENTITLEMENTS) List<@NotNull @Size(max = 64) String> entitlements) {

        /** The durations and codes, each checked (422 naming the fields, never the values). */
        Terms terms() {
            List<Problem.FieldError> errors = new ArrayList<>();
            Duration duration = parse("duration", this.duration, false, true, errors);
            Duration grace = parse("expiryGrace", expiryGrace, true, false, errors);
            Duration ttl = parse("offlineTtl", offlineTtl, true, true, errors);
            Duration interval = parse("heartbeatInterval", heartbeatInterval, true, true, errors);
            Duration heartbeatGrace = parse("heartbeatGrace", this.heartbeatGrace, true, false, errors);
            Duration cull = parse("cullAfter", cullAfter, true, false, errors);
            Duration resurrect = parse("resurrectWithin", resurrectWithin, true, false, errors);
            Set<String> codes = codes("entitlements", entitlements, errors);
            // as the annotations say, for callers that do not pass through Bean Validation (the console)
            if (name == null || name.isBlank() || name.length() > 100) {
                errors.add(new Problem.FieldError("name", "must be 1 to 100 characters"));
            }
            if (seats == null || seats < 0 || seats > 1_000_000) {
                errors.add(new Problem.FieldError("seats", "must be between 0 and 1000000"));
            }
            if (!errors.isEmpty()) {
                throw unprocessable(errors);
            }
            return new Terms(name.strip(), seats, duration, grace == null ? Duration.ZERO : grace,
                    ttl == null ? Duration.ofDays(30) : ttl, interval, heartbeatGrace, cull, resurrect, codes);
        }
    }

    /** A policy body, checked. */
    record Terms(String name, int seats, Duration duration, Duration expiryGrace, Duration offlineTtl,
                 Duration heartbeatInterval, Duration heartbeatGrace, Duration cullAfter, Duration resurrectWithin,
                 Set<String> entitlements) {
    }

    record NewPlan(@NotNull @Pattern(regexp = Plan.WIRE_NAMES, message = "must be 1 to 32 characters a-z, 0-9 or -") String code,
                   @NotNull UUID policyId, Boolean isDefault) {
    }

    record PlanBody(@NotNull UUID policyId, Boolean isDefault) {
    }

    record NewEntitlement(@NotNull @Size(max = 200) String code) {
    }

    record Grants(@NotNull @Size(max = MAX_ENTITLEMENTS) List<@NotNull @Size(max = 64) String> entitlements) {
    }

    static Set<String> codes(String field, List<String> codes, List<Problem.FieldError> errors) {
        Set<String> checked = new TreeSet<>();
        if (codes == null) {
            return checked;
        }
        for (String code : codes) {
            if (!isEntitlementCode(code)) {
                errors.add(new Problem.FieldError(field, "each must be 1 to 64 characters a-z, 0-9 or -"));
                break;
            }
            checked.add(code);
        }
        return checked;
    }

    static boolean isEntitlementCode(String code) {
        return code != null && code.matches(Policy.ENTITLEMENT_CODE);
    }

    static ProblemException unprocessable(List<Problem.FieldError> errors) {
        String fields = String.join(", ", errors.stream().map(Problem.FieldError::field).distinct().sorted().toList());
        return new ProblemException(Problem.of(422, "invalid-terms", "Unprocessable Content", "Invalid fields: " + fields)
                .withErrors(errors));
    }

    private static Duration parse(String field, String text, boolean optional, boolean positive,
                                     List<Problem.FieldError> errors) {
        if (text == null) {
            if (!optional) {
                errors.add(new Problem.FieldError(field, "must not be null"));
            }
            return null;
        }
        try {
            Duration value = Duration.parse(text);
            if (value.isNegative() || positive && value.isZero() || value.getNano() != 0 || value.compareTo(Duration.ofDays(36_500)) > 0) {
                errors.add(new Problem.FieldError(field, positive
                        ? "must be whole seconds, above zero and at most 100 years" : "must be whole seconds, zero to 100 years"));
                return null;
            }
            return value;
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "must be an ISO-8601 duration such as P30D or PT12H"));
            return null;
        }
    }
}
