package io.hybridlicense.auth.apikey;

import io.hybridlicense.auth.api.ApiKeyRevoked;
import io.hybridlicense.shared.Clock;
import io.hybridlicense.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

/**
 * Revokes a key, audited (through {@link ApiKeyRevoked}) in the same transaction, which also tells every
 * instance ({@code NOTIFY}, delivered on commit): the next request with the key is refused everywhere.
 * A user revokes their own keys; an admin any back-office key. Revoking a revoked key changes nothing.
 */
@ApplicationScoped
class RevokeApiKey {

    private final Clock clock;
    private final Event<ApiKeyRevoked> revoked;

    RevokeApiKey(Clock clock, Event<ApiKeyRevoked> revoked) {
        this.clock = clock;
        this.revoked = revoked;
    }

    @Transactional
    void revoke(UUID keyId, UUID actorId, boolean backOffice, Optional<CallingKey> via) {
        ApiKeyEntity key = ApiKeyEntity.findById(keyId, LockModeType.PESSIMISTIC_WRITE);
        if (key == null || key.backOffice() != backOffice || !backOffice && !key.ownerId.equals(actorId)) {
            throw ProblemException.notFound("API key " + keyId);
        }
        ApiKeyRules.checkRevocable(key.scopes, via);
        if (key.revokedAt != null) {
            return;
        }
        key.revokedAt = clock.now();
        ApiKeyLookup.announce(ApiKeyEntity.getEntityManager(), key.prefix);
        revoked.fire(new ApiKeyRevoked(key.id, key.ownerId, key.prefix, actorId, via.map(CallingKey::id).orElse(null)));
    }
}
