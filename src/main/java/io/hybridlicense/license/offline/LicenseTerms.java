package io.hybridlicense.license.offline;

import io.hybridlicense.license.domain.Policy;
import io.hybridlicense.license.policy.PolicyCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.SortedSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a license file says a license may do beyond its plan: its policy (by name), its effective
 * entitlements (the policy's and those granted to the license) and its heartbeat requirement, as stored
 * at the checkout: the same terms {@code GET /licenses/{id}} and validation answer with
 * ({@link Policy#effectiveEntitlements}). The policy comes from {@link PolicyCache} at the version the
 * license's read named, or later, as validation takes it.
 */
@ApplicationScoped
class LicenseTerms {

    private static final long POLICY_READ_SECONDS = 5;

    /**
     * {@code heartbeat}: the policy's requirement (interval, grace) or null when none is required;
     * {@code offlineTtl}: the policy's default file lifetime (not in the file), null without a policy.
     */
    record Terms(String policy, List<String> entitlements, Heartbeat heartbeat, Duration offlineTtl) {
    }

    record Heartbeat(String interval, String grace) {
    }

    private static final Terms NONE = new Terms(null, List.of(), null, null);

    private final PolicyCache policies;

    LicenseTerms(PolicyCache policies) {
        this.policies = policies;
    }

    /** On a worker thread: the policy may have to be read. */
    Terms of(FileLicenses.Found found) {
        if (found.policyId() == null) {
            return NONE;
        }
        Policy policy = policy(found);
        if (policy == null) {
            return NONE;
        }
        SortedSet<String> entitlements = policy.effectiveEntitlements(found.granted());
        return new Terms(policy.name(), List.copyOf(entitlements), heartbeatOf(policy), policy.offlineTtl());
    }

    private Policy policy(FileLicenses.Found found) {
        try {
            return policies.get(found.policyId(), found.policyVersion()).toCompletionStage().toCompletableFuture()
                    .get(POLICY_READ_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading a policy", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not read policy " + found.policyId(), e);
        }
    }

    private static Heartbeat heartbeatOf(Policy policy) {
        Policy.Heartbeat heartbeat = policy.heartbeat();
        if (heartbeat == null || heartbeat.interval() == null) {
            return null;
        }
        return new Heartbeat(heartbeat.interval().toString(), heartbeat.grace() == null ? "PT0S" : heartbeat.grace().toString());
    }
}
