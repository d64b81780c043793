package io.hybridlicense.auth.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A key to create for {@code ownerId} ({@code backOffice}: an admin's key for the back office), asked by
 * the owner with an access token or with {@code via}, a key of theirs.
 */
record CreateApiKeyCommand(UUID ownerId, boolean backOffice, String name, List<String> scopes, Instant expiresAt,
                           Optional<CallingKey> via) {
}
