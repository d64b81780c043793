package io.hybridlicense.auth.api;

import java.util.UUID;

/**
 * Every session of a user was ended: the access tokens issued to them until now are refused, on every
 * instance. Fired synchronously inside the transaction that ends them.
 *
 * @param cause   why: the user signed out, an admin signed them out everywhere, their password changed, or an
 *                admin gave them a temporary password
 * @param actorId who did it (the user, or the admin)
 */
public record SessionsEnded(UUID userId, Cause cause, UUID actorId) {

    public enum Cause { SIGNED_OUT, ENDED_BY_ADMIN, PASSWORD_CHANGED, TEMPORARY_PASSWORD_SET }
}
