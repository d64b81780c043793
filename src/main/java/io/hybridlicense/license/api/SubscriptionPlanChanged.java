package io.hybridlicense.license.api;

import io.hybridlicense.auth.api.Plan;
import java.util.UUID;

/** The user moved to another plan (by themselves: {@code actorId} = {@code userId}). */
public record SubscriptionPlanChanged(UUID subscriptionId, UUID userId, Plan from, Plan to, UUID actorId) {
}
