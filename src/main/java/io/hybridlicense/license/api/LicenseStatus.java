package io.hybridlicense.license.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The lifecycle of a license. {@code active} and {@code suspended} are live: they hold a seat and
 * their client id. {@code revoked} (by an admin), {@code expired} (by the expiry job) and
 * {@code deactivated} (by the owner) are final.
 */
public enum LicenseStatus {
    ACTIVE, SUSPENDED, REVOKED, EXPIRED, DEACTIVATED;

    /** The name used in JSON, in tokens and in the database. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isLive() {
        return this == ACTIVE || this == SUSPENDED;
    }

    public static Optional<LicenseStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(status -> status.wireName().equals(name)).findFirst();
    }

    /** Like {@link #fromWireName} for values already validated. */
    public static LicenseStatus of(String name) {
        return switch (name) { // no stream: hot paths (validation, heartbeats) read a status per request
            case "active" -> ACTIVE;
            case "suspended" -> SUSPENDED;
            case "revoked" -> REVOKED;
            case "expired" -> EXPIRED;
            case "deactivated" -> DEACTIVATED;
            default -> throw new IllegalArgumentException("Unknown license status");
        };
    }
}
