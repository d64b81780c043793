package io.hybridlicense.auth.api;

import java.util.Optional;
import java.util.UUID;

/**
 * Implemented by the module that owns subscriptions (license), so that auth can show a user's
 * subscription on {@code /me} without depending on that module.
 */
public interface SubscriptionDirectory {

    Optional<SubscriptionSummary> subscriptionOf(UUID userId);
}
