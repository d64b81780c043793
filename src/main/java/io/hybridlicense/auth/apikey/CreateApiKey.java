package io.hybridlicense.auth.apikey;

import io.hybridlicense.auth.AuthConfig;
import io.hybridlicense.auth.api.ApiKeyCreated;
import io.hybridlicense.auth.api.ApiScope;
import io.hybridlicense.auth.api.CreatedApiKey;
import io.hybridlicense.shared.Clock;
import io.hybridlicense.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;

/**
 * Creates a key and audits it (through {@link ApiKeyCreated}) in one transaction. The owner's row is
 * locked first, so that parallel creations count each other against {@code hl.auth.api-keys.per-owner}.
 */
@ApplicationScoped
class CreateApiKey {

    private final ApiKeySecrets secrets;
    private final Clock clock;
    private final Event<ApiKeyCreated> created;
    private final int perOwner;

    CreateApiKey(ApiKeySecrets secrets, Clock clock, Event<ApiKeyCreated> created, AuthConfig config) {
        this.secrets = secrets;
        this.clock = clock;
        this.created = created;
        this.perOwner = config.apiKeys().perOwner();
    }

    @Transactional
    CreatedApiKey create(CreateApiKeyCommand command) {
        String name = ApiKeyRules.checkName(command.name());
        Set<ApiScope> scopes = ApiKeyRules.scopesOf(command.scopes());
        ApiKeyRules.checkGrantable(scopes, command.backOffice(), command.via());
        ApiKeyRules.checkExpiry(command.expiresAt(), clock.now(), command.via());
        String kind = command.backOffice() ? ApiKeyEntity.ADMIN : ApiKeyEntity.USER;
        if (ApiKeyEntity.getEntityManager().createNativeQuery("SELECT id FROM auth.users WHERE id = ?1 FOR UPDATE")
                .setParameter(1, command.ownerId()).getResultList().isEmpty()) {
            throw ProblemException.notFound("The account");
        }
        if (ApiKeyEntity.activeOf(command.ownerId(), kind) >= perOwner) {
            throw ProblemException.conflict("too-many-api-keys",
                    "At most " + perOwner + " keys of this kind may be active at once; revoke one first");
        }
        ApiKeySecrets.Secret secret = secrets.generate();
        ApiKeyEntity key = new ApiKeyEntity();
        key.id = UUID.randomUUID();
        key.ownerId = command.ownerId();
        key.kind = kind;
        key.name = name;
        key.prefix = secret.prefix();
        key.secretHash = ApiKeySecrets.hash(secret.value());
        key.scopes = scopes.stream().sorted(Comparator.naturalOrder()).map(ApiScope::wireName).toArray(String[]::new);
        key.createdAt = clock.now();
        key.createdBy = command.ownerId();
        key.expiresAt = command.expiresAt();
        key.persist();
        created.fire(new ApiKeyCreated(key.id, key.ownerId, key.name, key.prefix, command.backOffice(),
                java.util.List.of(key.scopes), key.expiresAt, command.ownerId(),
                command.via().map(CallingKey::id).orElse(null)));
        return new CreatedApiKey(ApiKeyQueries.view(key), secret.value());
    }
}
