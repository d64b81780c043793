package io.hybridlicense.license.offline;

import io.hybridlicense.license.api.LicenseView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What a license file says a license may do beyond its plan: its policy, its effective entitlements and
 * its heartbeat requirement. The one place the file's payload takes them from: until policies and
 * entitlements exist, there is no policy, no entitlement and no heartbeat.
 */
@ApplicationScoped
class LicenseTerms {

    /** {@code heartbeat}: the policy's requirement (interval, grace) or null when none is required. */
    record Terms(String policy, List<String> entitlements, Heartbeat heartbeat) {
    }

    record Heartbeat(String interval, String grace) {
    }

    Terms of(LicenseView license) {
        return new Terms(null, List.of(), null);
    }
}
