package io.hybridlicense.webhooks.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One stored endpoint; the secrets are sealed ({@link SecretCipher}).
 *
 * @param ownerId {@code null} for an admin's endpoint (every user's events)
 */
public record EndpointRecord(UUID id, UUID ownerId, String url, String description, List<String> events, boolean enabled,
                             String disabledReason, byte[] secret, byte[] previousSecret, Instant previousSecretUntil,
                             Instant failingSince, Instant createdAt, Instant updatedAt) {
}
