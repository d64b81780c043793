/** The public face of the schemasync module: facade, immutable views and events. Nothing internal. */
package io.hybridlicense.schemasync.api;
