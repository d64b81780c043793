/**
 * admin: the append-only audit log, written in the same transaction as the change it records (it
 * observes the other modules' {@code api} events synchronously), statistics, user-with-licenses
 * views and the admin web console.
 *
 * <p>Exports through {@code api}: the {@code AdminApi} facade. Owns the schema {@code admin}, and
 * reads the other modules' data only through their {@code api} or through read-only reporting views
 * that their own migrations declare. Uses every other module's {@code api}; no module uses admin.
 */
package io.hybridlicense.admin;
