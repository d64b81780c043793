package io.hybridlicense.auth.apikey;

import io.hybridlicense.auth.api.ApiKeyView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Listings of keys, for the REST resources and the console. */
final class ApiKeyQueries {

    private ApiKeyQueries() {
    }

    /** A user's own keys, or ({@code backOffice}) every back-office key; newest first. */
    static List<ApiKeyView> listed(UUID ownerId, boolean backOffice) {
        return QuarkusTransaction.joiningExisting().call(() ->
                ApiKeyEntity.listed(ownerId, backOffice).stream().map(ApiKeyQueries::view).toList());
    }

    static ApiKeyView view(ApiKeyEntity key) {
        return new ApiKeyView(key.id, key.ownerId, key.name, ApiKeySecrets.SCHEME + key.prefix, key.backOffice(),
                Arrays.asList(key.scopes), key.createdAt, key.expiresAt, key.lastUsedAt, key.revokedAt);
    }
}
