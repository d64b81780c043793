/**
 * license: activation of licenses per client/machine id, online and offline validation, the
 * active/suspended/revoked/expired lifecycle with optimistic locking, seats per plan, subscriptions,
 * batch status updates and scheduled expiry.
 *
 * <p>Exports through {@code api}: the {@code LicenseApi} facade, license views and its events
 * ({@code LicenseActivated}, {@code LicenseStatusChanged}, …). Owns the schema {@code license}.
 * Uses {@code auth.api}.
 */
package io.hybridlicense.license;
