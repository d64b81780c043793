package io.hybridlicense.license.api;

import java.time.Instant;
import java.util.UUID;

/**
 * One license.
 *
 * @param clientId        the machine/installation it was activated for (1–128 printable characters)
 * @param version         the optimistic-lock version, sent as {@code ETag: "<version>"}
 * @param lastValidatedAt the last online validation, to within a minute; {@code null} if never
 * @param lastHeartbeatAt the last heartbeat written (pings are written within a second or so); {@code null} if never
 * @param heartbeatDeadline the machine is dead after it; {@code null} when no heartbeat is required
 * @param culledAt        when the heartbeat cull deactivated it; {@code null} if it did not
 */
public record LicenseView(UUID licenseId, UUID userId, String clientId, LicenseStatus status, Instant createdAt,
                          Instant expiresAt, Instant updatedAt, Instant lastValidatedAt, long version,
                          Instant lastHeartbeatAt, Instant heartbeatDeadline, Instant culledAt) {
}
