package io.hybridlicense.auth.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A user account was created. Fired synchronously inside the registering transaction: observers (the
 * subscription, the audit entry) commit or roll back with it.
 *
 * @param actorId the user who registered it: the user themselves, or {@code null} for the system
 *                (the first admin created from configuration)
 */
public record UserRegistered(UUID userId, String email, Plan plan, boolean admin, Instant registeredAt, UUID actorId) {
}
