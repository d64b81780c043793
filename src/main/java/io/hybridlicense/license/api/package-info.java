/**
 * The public face of the license module: the {@link io.hybridlicense.license.api.LicenseApi} facade,
 * views ({@link io.hybridlicense.license.api.LicenseView}, {@link io.hybridlicense.license.api.SubscriptionView},
 * {@link io.hybridlicense.license.api.LicenseStatus}) and events
 * ({@link io.hybridlicense.license.api.LicenseActivated}, {@link io.hybridlicense.license.api.LicenseStatusChanged}, {@link io.hybridlicense.license.api.LicenseExtended},
 * {@link io.hybridlicense.license.api.SubscriptionStarted}, {@link io.hybridlicense.license.api.SubscriptionPlanChanged},
 * {@link io.hybridlicense.license.api.SubscriptionRenewed}, {@link io.hybridlicense.license.api.MachinesHeartbeatDead}, {@link io.hybridlicense.license.api.MachinesCulled}, {@link io.hybridlicense.license.api.PolicyChanged},
 * {@link io.hybridlicense.license.api.PlanChanged}, {@link io.hybridlicense.license.api.EntitlementChanged}),
 * and the policies' {@link io.hybridlicense.license.api.PolicyView} and {@link io.hybridlicense.license.api.PolicyTerms}. Nothing internal.
 */
package io.hybridlicense.license.api;
