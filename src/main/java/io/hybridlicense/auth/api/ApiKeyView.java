package io.hybridlicense.auth.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API key as listed: never its secret, which exists only in {@link CreatedApiKey}.
 *
 * @param prefix     the secret's public start ({@code hl_} + 12 characters), to recognise a key by
 * @param backOffice {@code true} for an admin's back-office key
 * @param scopes     wire names ({@code licenses:read})
 * @param expiresAt  {@code null}: never
 * @param lastUsedAt recorded in batches: up to {@code hl.auth.api-keys.last-used-every} behind
 */
public record ApiKeyView(UUID id, UUID ownerId, String name, String prefix, boolean backOffice, List<String> scopes,
                         Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

    public ApiKeyView {
        scopes = List.copyOf(scopes);
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
