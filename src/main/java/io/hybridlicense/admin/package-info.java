/**
 * admin: the append-only audit log ({@code audit}), written in the same transaction as the change it
 * records (it observes the other modules' {@code api} events synchronously), and its retention purge; the
 * admin reporting API ({@code reporting}): statistics, the users list, a user with licenses and
 * subscription (docs/reporting.md); and the admins' console pages ({@code console}, docs/console.md) over
 * the same reports, the audit log and the other modules' use cases through their {@code api}. The
 * console's sign-in, session and layout, and every user's own pages, are the {@code console} module's.
 *
 * <p>Exports through {@code api}: the {@code AdminApi} facade. Owns the schema {@code admin}, and
 * reads the other modules' data only through their {@code api} or through read-only reporting views
 * that their own migrations declare ({@code auth.user_report}, {@code license.license_report},
 * {@code license.subscription_report}, {@code license.license_status_report}, {@code license.seat_report},
 * {@code license.activation_day_report}). Uses every other module's {@code api}; no module uses admin.
 * Inside: {@code console} uses {@code audit} and {@code reporting}; {@code audit} uses the lists of
 * {@code reporting} (pages, cursors, CSV); neither knows the console (ArchitectureTest).
 */
package io.hybridlicense.admin;
