package io.hybridlicense.auth.apikey;

import io.hybridlicense.auth.api.ApiKeyRefused;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/**
 * Refusals of requests made with a key, audited in a transaction of their own (the request changes
 * nothing, so there is no transaction to join). Blocking: called on a worker thread.
 */
@ApplicationScoped
class ApiKeyAudit {

    private final Event<ApiKeyRefused> refused;

    ApiKeyAudit(Event<ApiKeyRefused> refused) {
        this.refused = refused;
    }

    void refused(CallingKey key, ApiKeyRefused.Reason reason, String scope, String operation) {
        QuarkusTransaction.requiringNew().run(() -> refused.fire(
                new ApiKeyRefused(key.id(), key.ownerId(), key.prefix(), reason, scope, operation)));
    }
}
