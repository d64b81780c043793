package io.hybridlicense.license.api;

import io.hybridlicense.auth.api.Plan;
import java.time.Instant;
import java.util.UUID;

/** A subscription was started, in the transaction that registered its user. */
public record SubscriptionStarted(UUID subscriptionId, UUID userId, Plan plan, Instant renewsAt) {
}
