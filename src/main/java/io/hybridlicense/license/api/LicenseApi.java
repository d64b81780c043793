package io.hybridlicense.license.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What other modules (admin) may ask of license. Read-only; changes go through license's own endpoints. */
public interface LicenseApi {

    Optional<LicenseView> findLicense(UUID licenseId);

    /** The user's licenses, live ones first, newest first. */
    List<LicenseView> licensesOf(UUID userId);

    Optional<SubscriptionView> subscriptionOf(UUID userId);
}
