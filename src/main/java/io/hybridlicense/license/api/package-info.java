/**
 * The public face of the license module: the {@link io.hybridlicense.license.api.LicenseApi} facade,
 * views ({@link io.hybridlicense.license.api.LicenseView}, {@link io.hybridlicense.license.api.SubscriptionView},
 * {@link io.hybridlicense.license.api.LicenseStatus}) and events
 * ({@link io.hybridlicense.license.api.LicenseActivated}, {@link io.hybridlicense.license.api.LicenseStatusChanged}, {@link io.hybridlicense.license.api.LicenseExtended},
 * {@link io.hybridlicense.license.api.SubscriptionStarted}, {@link io.hybridlicense.license.api.SubscriptionPlanChanged},
 * {@link io.hybridlicense.license.api.SubscriptionRenewed}). Nothing internal.
 */
package io.hybridlicense.license.api;
