/**
 * A user's own pages under {@code /console/me}: their plan and subscription, their licenses and the
 * machines they were activated on, and deactivating one (license's use case through {@code LicenseApi}).
 */
package io.hybridlicense.console.account;
