/** The license rules as plain Java: which status changes are allowed to whom, and seat counting. */
package io.hybridlicense.license.domain;
