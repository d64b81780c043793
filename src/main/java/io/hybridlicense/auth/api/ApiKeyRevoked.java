package io.hybridlicense.auth.api;

import java.util.UUID;

/** An API key was revoked; fired synchronously inside the transaction that revokes it. */
public record ApiKeyRevoked(UUID keyId, UUID ownerId, String prefix, UUID actorId, UUID viaKeyId) {
}
