package io.hybridlicense.license.api;

import java.time.Instant;
import java.util.UUID;

/**
 * One license.
 *
 * @param clientId        the machine/installation it was activated for (1–128 printable characters)
 * @param version         the optimistic-lock version, sent as {@code ETag: "<version>"}
 * @param lastValidatedAt the last online validation, to within a minute; {@code null} if never
 */
public record LicenseView(UUID licenseId, UUID userId, String clientId, LicenseStatus status, Instant createdAt,
                          Instant expiresAt, Instant updatedAt, Instant lastValidatedAt, long version) {
}
