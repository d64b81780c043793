package io.hybridlicense.auth.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * API keys for the console's pages (the REST endpoints are auth's own): what a signed-in user, never a
 * key, may do with them. Each method runs in a transaction of its own; creations and revocations are
 * audited ({@link ApiKeyCreated}, {@link ApiKeyRevoked}).
 */
public interface ApiKeysApi {

    /** The caller's own keys, or ({@code backOffice}, admins only) every back-office key; newest first. */
    List<ApiKeyView> keysOf(Caller caller, boolean backOffice);

    /**
     * @throws io.hybridlicense.shared.ProblemException 403 {@code scope-not-allowed} (a scope the caller cannot
     *         delegate, or back office for a non-admin), 422 {@code unknown-scope} or {@code expiry-not-in-future},
     *         409 {@code too-many-api-keys}
     */
    CreatedApiKey create(Caller caller, boolean backOffice, String name, List<String> scopes, Instant expiresAt);

    /** @throws io.hybridlicense.shared.ProblemException 404 for a key that is not the caller's to revoke */
    void revoke(Caller caller, boolean backOffice, UUID keyId);
}
