package io.hybridlicense.license.api;

import java.util.UUID;

/**
 * A license changed status. Fired synchronously inside the changing transaction.
 *
 * @param version the license's version after the change
 * @param actorId the admin or owner who changed it, or {@code null} for the system (expiry job)
 */
public record LicenseStatusChanged(UUID licenseId, UUID userId, LicenseStatus from, LicenseStatus to, long version,
                                   UUID actorId) {
}
