package io.hybridlicense.license.offline;

import io.hybridlicense.license.api.LicenseView;
import io.hybridlicense.license.domain.Policy;
import io.hybridlicense.license.policy.Entitlements;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * What a license file says a license may do beyond its plan: its policy (by name), its effective
 * entitlements (the policy's and those granted to the license) and its heartbeat requirement, as stored
 * at the checkout. The one place the file's payload takes them from: policy's {@link Entitlements#termsOf},
 * the same terms {@code GET /licenses/{id}} and validation answer with.
 */
@ApplicationScoped
class LicenseTerms {

    /**
     * {@code heartbeat}: the policy's requirement (interval, grace) or null when none is required;
     * {@code offlineTtl}: the policy's default file lifetime (not in the file), null without a policy.
     */
    record Terms(String policy, List<String> entitlements, Heartbeat heartbeat, Duration offlineTtl) {
    }

    record Heartbeat(String interval, String grace) {
    }

    private final Entitlements entitlements;

    LicenseTerms(Entitlements entitlements) {
        this.entitlements = entitlements;
    }

    Terms of(LicenseView license) {
        return entitlements.termsOf(license.licenseId())
                .map(terms -> new Terms(terms.policy().name(), List.copyOf(terms.entitlements()), heartbeatOf(terms.policy()),
                        terms.policy().offlineTtl()))
                .orElse(new Terms(null, List.of(), null, null));
    }

    private static Heartbeat heartbeatOf(Policy policy) {
        Policy.Heartbeat heartbeat = policy.heartbeat();
        if (heartbeat == null || heartbeat.interval() == null) {
            return null;
        }
        return new Heartbeat(heartbeat.interval().toString(), heartbeat.grace() == null ? "PT0S" : heartbeat.grace().toString());
    }
}
