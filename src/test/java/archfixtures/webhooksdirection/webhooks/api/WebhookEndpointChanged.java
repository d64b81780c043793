package archfixtures.webhooksdirection.webhooks.api;

/** The api event of the fixture's webhooks module. */
public record WebhookEndpointChanged(String endpointId) {
}
