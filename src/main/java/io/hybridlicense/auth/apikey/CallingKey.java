package io.hybridlicense.auth.apikey;

import io.hybridlicense.auth.api.ApiScope;
import io.quarkus.security.identity.SecurityIdentity;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The key a request was made with, kept as an attribute of its security identity. */
record CallingKey(UUID id, UUID ownerId, String prefix, boolean backOffice, Set<ApiScope> scopes, Instant expiresAt) {

    static final String ATTRIBUTE = "io.hybridlicense.api-key";

    CallingKey {
        scopes = Set.copyOf(scopes);
    }

    static CallingKey of(StoredKey key) {
        return new CallingKey(key.id(), key.ownerId(), key.prefix(), key.backOffice(), key.scopes(), key.expiresAt());
    }

    /** The key of this identity; empty for an access token's (or an anonymous) identity. */
    static Optional<CallingKey> of(SecurityIdentity identity) {
        return identity == null ? Optional.empty()
                : Optional.ofNullable(identity.getAttribute(ATTRIBUTE)).map(CallingKey.class::cast);
    }
}
