package io.hybridlicense.auth.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A user's subscription as shown on the profile.
 *
 * @param status {@code active} or {@code past_due}
 */
public record SubscriptionSummary(UUID subscriptionId, Plan plan, String status, Instant startedAt, Instant renewsAt) {
}
