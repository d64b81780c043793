/**
 * admin: the append-only audit log, written in the same transaction as the change it records (it
 * observes the other modules' {@code api} events synchronously), its retention purge, and the admin
 * reporting API: statistics, the users list, a user with licenses and subscription, and the audit log
 * as pages or CSV (docs/reporting.md); and the web console under {@code /console} (docs/console.md): sign-in
 * through {@code AuthApi}, the admins' pages over the same reports and the other modules' use cases
 * through their {@code api}, and every user's own licenses and machines.
 *
 * <p>Exports through {@code api}: the {@code AdminApi} facade. Owns the schema {@code admin}, and
 * reads the other modules' data only through their {@code api} or through read-only reporting views
 * that their own migrations declare ({@code auth.user_report}, {@code license.license_report},
 * {@code license.subscription_report}, {@code license.license_status_report}, {@code license.seat_report},
 * {@code license.activation_day_report}). Uses every other module's {@code api}; no module uses admin.
 */
package io.hybridlicense.admin;
