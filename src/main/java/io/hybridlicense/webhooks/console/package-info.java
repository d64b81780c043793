/**
 * webhooks' console pages ({@code /console/me/webhooks}): a user's own endpoints (an admin's: every
 * endpoint, and new ones hear every user), add, edit, rotate the secret, send a test event, enable and
 * disable, delete, and each endpoint's deliveries with a redeliver button; through the same use cases
 * as the API. No database access of its own (ArchitectureTest).
 */
package io.hybridlicense.webhooks.console;
