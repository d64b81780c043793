package io.hybridlicense.license.api;

import java.time.Instant;
import java.util.UUID;

/**
 * The renewal job processed a due subscription: it either renewed ({@code status} {@code active},
 * {@code renewsAt} moved on) or lapsed ({@code status} {@code past_due}).
 */
public record SubscriptionRenewed(UUID subscriptionId, UUID userId, String status, Instant renewsAt) {
}
