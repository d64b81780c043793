package archfixtures.webhooksdirection.license;

import archfixtures.webhooksdirection.webhooks.api.WebhookEndpointChanged;

/** Violates "no module but admin depends on webhooks": webhooks observes license, never the other way. */
public class LicenseWebhooks {
    WebhookEndpointChanged changed;
}
