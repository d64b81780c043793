package io.hybridlicense.webhooks.api;

import java.util.UUID;

/**
 * An endpoint was created, edited, enabled, disabled, had its secret rotated or was deleted; fired inside
 * the transaction that changed it. Never carries the secret.
 *
 * @param change  {@code created}, {@code updated}, {@code enabled}, {@code disabled}, {@code rotated},
 *                {@code deleted}, or {@code auto-disabled} (every delivery failed for the configured days)
 * @param ownerId the user whose events it hears, or {@code null} for an admin's endpoint (every event)
 * @param actorId who changed it, or {@code null} for the system
 */
public record WebhookEndpointChanged(UUID endpointId, UUID ownerId, String change, String url, UUID actorId) {
}
