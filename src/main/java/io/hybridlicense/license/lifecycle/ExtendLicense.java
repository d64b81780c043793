package io.hybridlicense.license.lifecycle;

import io.hybridlicense.auth.api.Caller;
import io.hybridlicense.license.LicenseConfig;
import io.hybridlicense.license.api.LicenseExtended;
import io.hybridlicense.license.api.LicenseView;
import io.hybridlicense.license.domain.Policy;
import io.hybridlicense.license.policy.Entitlements;
import io.hybridlicense.license.store.LicenseEntity;
import io.hybridlicense.shared.Clock;
import io.hybridlicense.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * An admin extends a live license by its policy's duration, counted from its expiry while that is in the
 * future or within the policy's expiry grace (a renewal in the grace does not gain the grace), otherwise from now, with the same optimistic locking as a status change. Audited in the same
 * transaction through {@link LicenseExtended}. Online validation sees the new expiry at once; a license
 * token already issued keeps its own {@code exp} until the client activates again.
 */
@ApplicationScoped
class ExtendLicense {

    private final Clock clock;
    private final Event<LicenseExtended> extended;
    private final Entitlements entitlements;

    ExtendLicense(Clock clock, Event<LicenseExtended> extended, Entitlements entitlements) {
        this.entitlements = entitlements;
        this.clock = clock;
        this.extended = extended;
    }

    @Transactional
    LicenseView extend(UUID licenseId, OptionalLong expectedVersion, Caller caller) {
        LicenseEntity license = ChangeLicenseStatus.adminTarget(licenseId, expectedVersion, caller,
                "Only admins extend a license");
        if (!license.status.isLive()) {
            throw ProblemException.conflict("invalid-transition", "A " + license.status.wireName()
                    + " license cannot be extended");
        }
        Instant now = clock.now();
        Instant from = license.expiresAt;
        Policy policy = entitlements.termsOf(licenseId).orElseThrow().policy();
        license.expiresAt = policy.extendedExpiry(from, now);
        license.updatedAt = now;
        ChangeLicenseStatus.flush(license);
        extended.fire(new LicenseExtended(license.id, license.userId, from, license.expiresAt, license.version,
                caller.userId()));
        return license.toView();
    }
}
