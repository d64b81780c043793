package io.hybridlicense.auth.apikey;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

final class ApiKeyResponses {

    private ApiKeyResponses() {
    }

    /** A key as listed: never its secret, which exists only in {@link Created}. */
    record Key(UUID id, UUID ownerId, String name, String prefix, boolean backOffice, List<String> scopes,
               Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

        static Key of(ApiKeyEntity key) {
            return new Key(key.id, key.ownerId, key.name, ApiKeySecrets.SCHEME + key.prefix, key.backOffice(),
                    Arrays.asList(key.scopes), key.createdAt, key.expiresAt, key.lastUsedAt, key.revokedAt);
        }
    }

    /** The answer to a creation: the key and its secret, shown this once. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Created(UUID id, UUID ownerId, String name, String prefix, boolean backOffice, List<String> scopes,
                   Instant createdAt, Instant expiresAt, String secret) {

        static Created of(ApiKeyEntity key, String secret) {
            return new Created(key.id, key.ownerId, key.name, ApiKeySecrets.SCHEME + key.prefix, key.backOffice(),
                    Arrays.asList(key.scopes), key.createdAt, key.expiresAt, secret);
        }
    }
}
