package io.hybridlicense.auth.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API key was created; fired synchronously inside the transaction that stores it.
 *
 * @param backOffice {@code true} for an admin's back-office key
 * @param scopes     the scopes' wire names
 * @param expiresAt  {@code null}: the key does not expire
 * @param actorId    the user who created it
 * @param viaKeyId   the key the request was made with, or {@code null} for an access token
 */
public record ApiKeyCreated(UUID keyId, UUID ownerId, String name, String prefix, boolean backOffice, List<String> scopes,
                            Instant expiresAt, UUID actorId, UUID viaKeyId) {

    public ApiKeyCreated {
        scopes = List.copyOf(scopes);
    }
}
