/**
 * console: the web console's shell under {@code /console} (docs/console.md): the entrance and sign-in
 * through {@code AuthApi} (the same limits as the API's login), the first run ({@code FirstRunResource}:
 * set-up of the first admin through {@code SetupApi}, sign-up, forgotten and temporary passwords), the session (the access token in an
 * HttpOnly, SameSite=Strict cookie, renewed while in use), the answer to a signed-out visitor of any
 * console page, the static assets and their caching, the layout's formatting, and ({@code account}) every
 * user's own pages: their plan, licenses and machines through {@code LicenseApi}.
 *
 * <p>Exports through {@code api}: what the pages of other modules use ({@code ConsoleUser},
 * {@code Notice}, {@code ConsoleFormats}, {@code ConsolePaths}). Owns no schema. Uses auth's and
 * license's {@code api}; admin's and schemasync's console pages use it, never the other way round.
 * Configured under {@code hl.admin.console} (its former home; the names are kept).
 */
package io.hybridlicense.console;
