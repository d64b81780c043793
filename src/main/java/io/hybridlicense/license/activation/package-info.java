/**
 * Activation: the owner's credentials, then the seat limit under the subscription's row lock, the
 * license row and its audit entry in one transaction, and the license token. REST entry:
 * {@code POST /api/v1/licenses/activate} in lifecycle's {@code LicenseResource}.
 */
package io.hybridlicense.license.activation;
