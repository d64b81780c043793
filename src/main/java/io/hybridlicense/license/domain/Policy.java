package io.hybridlicense.license.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The terms licenses live by, as one immutable value at one version: whoever holds it sees all of one
 * version, never a mix of two.
 *
 * @param seats        most live licenses (active or suspended) per user
 * @param duration     lifetime of a new license, and what an extension adds
 * @param expiryGrace  after {@code expiresAt}, how long validation still answers valid ({@code VALID_IN_GRACE})
 * @param offlineTtl   default lifetime of an offline license file
 * @param heartbeat    the heartbeat terms (license.heartbeat): {@code null} when the policy requires none
 * @param entitlements the entitlement codes every license under the policy has, sorted
 */
public record Policy(UUID id, String name, int seats, Duration duration, Duration expiryGrace, Duration offlineTtl,
                     Heartbeat heartbeat, SortedSet<String> entitlements, long version) {

    /** Entitlement codes: 1–64 characters {@code [a-z0-9-]}. */
    public static final String ENTITLEMENT_CODE = "[a-z0-9-]{1,64}";

    /** Heartbeat terms: each may be {@code null} ({@code interval} null: no heartbeat required). */
    public record Heartbeat(Duration interval, Duration grace, Duration cullAfter, Duration resurrectWithin) {

        /** From whole seconds as stored; {@code null} when none is set. */
        public static Heartbeat ofSeconds(Long interval, Long grace, Long cullAfter, Long resurrectWithin) {
            return interval == null && grace == null && cullAfter == null && resurrectWithin == null ? null
                    : new Heartbeat(seconds(interval), seconds(grace), seconds(cullAfter), seconds(resurrectWithin));
        }

        private static Duration seconds(Long value) {
            return value == null ? null : Duration.ofSeconds(value);
        }
    }

    public Policy {
        entitlements = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(entitlements));
    }

    /** When the grace after {@code expiresAt} ends (= {@code expiresAt} without grace). */
    public Instant graceEndsAt(Instant expiresAt) {
        return expiresAt.plus(expiryGrace);
    }

    /** Expired, but within the grace: still valid. */
    public boolean inGrace(Instant expiresAt, Instant now) {
        return !expiresAt.isAfter(now) && graceEndsAt(expiresAt).isAfter(now);
    }

    /** The policy's entitlements and those granted to one license. */
    public SortedSet<String> effectiveEntitlements(Collection<String> granted) {
        if (granted.isEmpty()) {
            return entitlements;
        }
        SortedSet<String> all = new TreeSet<>(entitlements);
        all.addAll(granted);
        return all;
    }

    /** The required codes not in {@code effective}, in the order asked, each once (unknown codes are simply missing). */
    public static List<String> missing(List<String> required, Set<String> effective) {
        List<String> missing = new ArrayList<>();
        for (String code : required) {
            if (!effective.contains(code) && !missing.contains(code)) {
                missing.add(code);
            }
        }
        return missing;
    }

    /**
     * An extension or renewal: one more {@code duration}, from the old expiry while it is in the future or
     * within the grace (the grace is no gift of time), otherwise from now.
     */
    public Instant extendedExpiry(Instant expiresAt, Instant now) {
        Instant from = graceEndsAt(expiresAt).isAfter(now) ? expiresAt : now;
        return from.plus(duration);
    }

}
