/**
 * The public face of the webhooks module: {@link io.hybridlicense.webhooks.api.WebhookEndpointChanged},
 * fired in the transaction that changes an endpoint (the audit entry). Nothing internal.
 */
package io.hybridlicense.webhooks.api;
