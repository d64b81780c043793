package io.hybridlicense.license.api;

import java.time.Instant;
import java.util.UUID;

/**
 * An admin extended a live license: it now expires at {@code to} instead of {@code from}.
 *
 * @param version the license's version after the change
 */
public record LicenseExtended(UUID licenseId, UUID userId, Instant from, Instant to, long version, UUID actorId) {
}
