package io.hybridlicense.license.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A new license was created for a client. Fired synchronously inside the activating transaction,
 * after the row is written: its observers (the {@code LICENSE_CREATED} audit entry) commit or roll
 * back with it.
 */
public record LicenseActivated(UUID licenseId, UUID userId, String clientId, Instant expiresAt) {
}
