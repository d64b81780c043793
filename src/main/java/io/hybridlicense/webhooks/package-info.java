/**
 * webhooks: signed HTTP callbacks to vendors' servers (docs/webhooks.md). Admins register endpoints that
 * hear every user's events, users endpoints that hear their own ({@code endpoint}); each module event
 * that matters to an integration is written to the webhook outbox ({@code webhooks.delivery}) in the
 * transaction of the change, one row per subscribed endpoint, and delivered by any instance with
 * Standard Webhooks signatures, retries with backoff, leases on the database's clock and LISTEN/NOTIFY
 * wake-ups ({@code delivery}).
 *
 * <p>Exports through {@code api}: the {@code WebhookEndpointChanged} event (audited by admin). Owns the
 * schema {@code webhooks}. Uses the {@code api} of auth, license and schemasync (it observes their
 * events, as admin's audit does); no module uses webhooks but admin (its audit) and console pages.
 */
package io.hybridlicense.webhooks;
