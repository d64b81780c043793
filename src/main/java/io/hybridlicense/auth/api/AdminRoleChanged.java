package io.hybridlicense.auth.api;

import java.util.UUID;

/**
 * A user was granted or lost the admin role. Fired synchronously inside the changing transaction.
 *
 * @param granted {@code true} for a grant, {@code false} for a revocation
 * @param actorId the admin who changed it
 */
public record AdminRoleChanged(UUID userId, boolean granted, UUID actorId) {
}
