/**
 * What a module's console pages use of the console: the signed-in user, the request's language
 * ({@link io.hybridlicense.console.api.ConsoleLocale}: its message bundles, and the API's refusals in its words),
 * notices next to what they are about, the templates' formatting, and where the console's areas live.
 */
package io.hybridlicense.console.api;
