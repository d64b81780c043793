package io.hybridlicense.license.policy;

import io.hybridlicense.license.api.PolicyView;
import io.hybridlicense.license.domain.Policy;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** The response bodies of the policy, plan and entitlement endpoints. */
final class PolicyResponses {

    private PolicyResponses() {
    }

    static PolicyView policyView(Policy policy, List<String> plans, long liveLicenses) {
        Policy.Heartbeat heartbeat = policy.heartbeat();
        return new PolicyView(policy.id(), policy.name(), policy.seats(), iso(policy.duration()),
                iso(policy.expiryGrace()), iso(policy.offlineTtl()),
                heartbeat == null ? null : iso(heartbeat.interval()), heartbeat == null ? null : iso(heartbeat.grace()),
                heartbeat == null ? null : iso(heartbeat.cullAfter()), heartbeat == null ? null : iso(heartbeat.resurrectWithin()),
                List.copyOf(policy.entitlements()), policy.version(), plans, liveLicenses);
    }

    /** A plan of the catalogue and the users on it. */
    record PlanView(String code, UUID policyId, String policyName, boolean isDefault, long version, long users) {
    }

    /** A code of the entitlement catalogue and how many policies and licenses carry it. */
    record EntitlementView(String code, long policies, long licenses) {
    }

    /** The codes granted to one license, and its effective entitlements (its policy's and these). */
    record LicenseEntitlements(UUID licenseId, List<String> granted, List<String> entitlements) {
    }

    /** ISO-8601, in days when whole days ({@code P365D}, not {@code PT8760H}). */
    static String iso(Duration duration) {
        if (duration == null) {
            return null;
        }
        long seconds = duration.getSeconds();
        return seconds > 0 && seconds % 86_400 == 0 ? "P" + seconds / 86_400 + "D" : duration.toString();
    }
}
