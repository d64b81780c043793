/**
 * What schemasync's console pages (in {@code datasource} and {@code table}, next to the use cases they
 * call) share: the answer for a data source or table that is not the caller's (a signed-out visitor is
 * sent to sign in by the console's session, as on every console page). The pages use the console's
 * layout, session cookie and CSRF token like every console page.
 */
package io.hybridlicense.schemasync.console;
