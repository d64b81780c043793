/**
 * What schemasync's console pages (in {@code datasource} and {@code table}, next to the use cases they
 * call) share: the answers for a signed-out visitor and for a data source or table that is not the
 * caller's. The pages use the console's layout, session cookie and CSRF token like every console page.
 */
package io.hybridlicense.schemasync.console;
