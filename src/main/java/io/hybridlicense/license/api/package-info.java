/** The public face of the license module: facade, immutable views and events. Nothing internal. */
package io.hybridlicense.license.api;
