/** The public face of the auth module: facade, immutable views and events. Nothing internal. */
package io.hybridlicense.auth.api;
