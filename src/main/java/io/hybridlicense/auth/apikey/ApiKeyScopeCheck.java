package io.hybridlicense.auth.apikey;

import io.hybridlicense.auth.api.ApiKeyRefused;
import io.hybridlicense.auth.api.ApiKeyScope;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The one place where a request made with a key meets the operation's declared scope
 * ({@link ApiKeyScope}, method over class). Deny by default: an operation that declares nothing refuses
 * keys (403 {@code api-key-not-allowed}), whatever its roles; one whose scope the key lacks answers 403
 * {@code missing-scope} naming it. Both are audited. Requests without a key pass untouched.
 */
@ApplicationScoped
class ApiKeyScopeCheck {

    /** What an operation admits: one scope, any key ({@link KeysWithinOwnScopes}), or no key. */
    record Declared(Optional<io.hybridlicense.auth.api.ApiScope> scope, boolean anyKey) {
        static final Declared NONE = new Declared(Optional.empty(), false);
    }

    private final CurrentIdentityAssociation identities;
    private final ApiKeyAudit audit;
    private final Map<Method, Declared> declared = new ConcurrentHashMap<>();

    ApiKeyScopeCheck(CurrentIdentityAssociation identities, ApiKeyAudit audit) {
        this.identities = identities;
        this.audit = audit;
    }

    @ServerRequestFilter
    Uni<Void> check(ResourceInfo resource, HttpServerRequest http) {
        if (ApiKeyMechanism.presentedKey(http) == null) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity().onItem().transformToUni(identity -> {
            Optional<CallingKey> key = CallingKey.of(identity);
            if (key.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Declared needs = declaredBy(resource);
            if (needs.anyKey() || needs.scope().filter(key.get().scopes()::contains).isPresent()) {
                return Uni.createFrom().voidItem();
            }
            String operation = resource.getResourceClass().getSimpleName() + "." + resource.getResourceMethod().getName();
            return Uni.createFrom().<Void>item(() -> {
                refuse(key.get(), needs, operation);
                return null;
            }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        });
    }

    private void refuse(CallingKey key, Declared needs, String operation) {
        if (needs.scope().isEmpty()) {
            audit.refused(key, ApiKeyRefused.Reason.NOT_FOR_KEYS, null, operation);
            throw new ProblemException(Problem.of(403, "api-key-not-allowed", "Forbidden",
                    "This operation cannot be called with an API key; use an access token"));
        }
        String scope = needs.scope().get().wireName();
        audit.refused(key, ApiKeyRefused.Reason.MISSING_SCOPE, scope, operation);
        throw new ProblemException(Problem.of(403, "missing-scope", "Forbidden",
                "This API key lacks the scope " + scope + " that this operation needs"));
    }

    Declared declaredBy(ResourceInfo resource) {
        return declared.computeIfAbsent(resource.getResourceMethod(), method -> declaredBy(method, resource.getResourceClass()));
    }

    static Declared declaredBy(Method method, Class<?> resourceClass) {
        ApiKeyScope onMethod = method.getAnnotation(ApiKeyScope.class);
        if (onMethod != null) {
            return new Declared(Optional.of(onMethod.value()), false);
        }
        ApiKeyScope onClass = resourceClass.getAnnotation(ApiKeyScope.class);
        if (onClass != null) {
            return new Declared(Optional.of(onClass.value()), false);
        }
        return resourceClass.isAnnotationPresent(KeysWithinOwnScopes.class) ? new Declared(Optional.empty(), true) : Declared.NONE;
    }
}
