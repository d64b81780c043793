/**
 * license: activation of licenses per client/machine id, online and offline validation, the
 * active/suspended/revoked/expired/deactivated lifecycle with optimistic locking, seats per plan,
 * subscriptions (started by auth's {@code UserRegistered}, plan changes, renewal), batch status updates
 * and scheduled expiry. The status and seat rules are plain Java in {@code domain}. Online validation
 * is answered on the Vert.x event loop and reads the current rows with the reactive PostgreSQL client,
 * batched per event loop (docs/adr/0005-license-validation-on-the-event-loop.md).
 *
 * <p>Exports through {@code api}: the {@code LicenseApi} facade, license and subscription views and its
 * events ({@code LicenseActivated}, {@code LicenseStatusChanged}, {@code SubscriptionStarted},
 * {@code SubscriptionPlanChanged}, {@code SubscriptionRenewed}). Owns the schema {@code license}, and
 * the read-only reporting views admin reads there (licenses, subscriptions, and the licenses per status
 * and seats per plan that its triggers count; {@code CountsCompactionJob} keeps those counts compact).
 * Uses {@code auth.api} (credential checks, token signing, plans) and implements its
 * {@code SubscriptionDirectory}.
 */
package io.hybridlicense.license;
