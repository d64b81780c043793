package io.hybridlicense.auth.apikey;

import io.hybridlicense.auth.api.ApiScope;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** What a request made with a key needs of it, as read on the request path ({@link ApiKeyLookup}). */
record StoredKey(UUID id, UUID ownerId, String prefix, byte[] secretHash, boolean backOffice, Set<ApiScope> scopes,
                 Instant expiresAt, boolean revoked, boolean ownerAdmin) {

    StoredKey {
        scopes = Set.copyOf(scopes);
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
