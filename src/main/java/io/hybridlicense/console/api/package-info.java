/**
 * What a module's console pages use of the console: the signed-in user, notices next to what they are
 * about, the templates' formatting, and where the console's areas live.
 */
package io.hybridlicense.console.api;
