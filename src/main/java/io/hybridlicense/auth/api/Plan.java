package io.hybridlicense.auth.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The plans a user can be on; each allows a number of active licenses (seats, configured in license). */
public enum Plan {
    FREE, PRO, ENTERPRISE;

    /** The regular expression of the wire names, for request validation. */
    public static final String WIRE_NAMES = "free|pro|enterprise";

    /** The name used in JSON and in the database: {@code free}, {@code pro}, {@code enterprise}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Plan> fromWireName(String name) {
        return Arrays.stream(values()).filter(plan -> plan.wireName().equals(name)).findFirst();
    }

    /** Like {@link #fromWireName} for values already validated against {@link #WIRE_NAMES}. */
    public static Plan of(String name) {
        return fromWireName(name).orElseThrow(() -> new IllegalArgumentException("Unknown plan"));
    }
}
