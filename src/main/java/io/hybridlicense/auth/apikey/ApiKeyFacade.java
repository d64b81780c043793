package io.hybridlicense.auth.apikey;

import io.hybridlicense.auth.api.ApiKeyView;
import io.hybridlicense.auth.api.ApiKeysApi;
import io.hybridlicense.auth.api.Caller;
import io.hybridlicense.auth.api.CreatedApiKey;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link ApiKeysApi} for the console: a signed-in user's session, never a key; back office for admins only. */
@ApplicationScoped
class ApiKeyFacade implements ApiKeysApi {

    private final CreateApiKey create;
    private final RevokeApiKey revoke;

    ApiKeyFacade(CreateApiKey create, RevokeApiKey revoke) {
        this.create = create;
        this.revoke = revoke;
    }

    @Override
    public List<ApiKeyView> keysOf(Caller caller, boolean backOffice) {
        checkBackOffice(caller, backOffice);
        return ApiKeyQueries.listed(caller.userId(), backOffice);
    }

    @Override
    public CreatedApiKey create(Caller caller, boolean backOffice, String name, List<String> scopes, Instant expiresAt) {
        checkBackOffice(caller, backOffice);
        return create.create(new CreateApiKeyCommand(caller.userId(), backOffice, name, scopes, expiresAt, Optional.empty()));
    }

    @Override
    public void revoke(Caller caller, boolean backOffice, UUID keyId) {
        checkBackOffice(caller, backOffice);
        revoke.revoke(keyId, caller.userId(), backOffice, Optional.empty());
    }

    private static void checkBackOffice(Caller caller, boolean backOffice) {
        if (backOffice && !caller.admin()) {
            throw new ProblemException(Problem.of(403, "forbidden", "Forbidden", "Back-office keys are for admins"));
        }
    }
}
