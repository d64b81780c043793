/** The public face of the admin module. Nothing internal. */
package io.hybridlicense.admin.api;
