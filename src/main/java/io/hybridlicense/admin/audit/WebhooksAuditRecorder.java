package io.hybridlicense.admin.audit;

import io.hybridlicense.webhooks.api.WebhookEndpointChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Audits webhooks' endpoint changes (never a secret), synchronously inside the transaction that made them. */
@ApplicationScoped
class WebhooksAuditRecorder {

    private final AuditTrail trail;

    WebhooksAuditRecorder(AuditTrail trail) {
        this.trail = trail;
    }

    void on(@Observes WebhookEndpointChanged event) {
        Map<String, Object> details = new HashMap<>();
        details.put("url", event.url());
        details.put("ownerId", AuthAuditRecorder.idOf(event.ownerId()));
        trail.record(new AuditTrail.Entry("WEBHOOK_ENDPOINT_" + event.change().toUpperCase(Locale.ROOT).replace('-', '_'),
                "webhooks", "webhook_endpoint", event.endpointId().toString(), AuthAuditRecorder.idOf(event.actorId()), details));
    }
}
