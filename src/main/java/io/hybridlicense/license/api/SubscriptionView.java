package io.hybridlicense.license.api;

import io.hybridlicense.auth.api.Plan;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's subscription.
 *
 * @param status   {@code active}, or {@code past_due} when renewal is configured to end
 * @param renewsAt when the renewal job next moves it on
 */
public record SubscriptionView(UUID subscriptionId, UUID userId, Plan plan, String status, Instant startedAt,
                               Instant renewsAt) {

    public static final String ACTIVE = "active";
    public static final String PAST_DUE = "past_due";
}
