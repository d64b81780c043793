package io.hybridlicense.auth.apikey;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.List;
import java.util.UUID;

/** Listings of keys, for the REST resources and the console. */
final class ApiKeyQueries {

    private ApiKeyQueries() {
    }

    /** A user's own keys, or ({@code backOffice}) every back-office key; newest first. */
    static List<ApiKeyResponses.Key> listed(UUID ownerId, boolean backOffice) {
        return QuarkusTransaction.joiningExisting().call(() ->
                ApiKeyEntity.listed(ownerId, backOffice).stream().map(ApiKeyResponses.Key::of).toList());
    }
}
