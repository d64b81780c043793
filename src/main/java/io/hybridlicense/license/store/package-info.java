/**
 * The license module's tables, shared by its features: {@code license.licenses} ({@code LicenseEntity})
 * and {@code license.subscriptions} ({@code SubscriptionEntity}), and the job that keeps the reporting
 * counts their triggers write compact ({@code CountsCompactionJob}). Uses no feature.
 */
package io.hybridlicense.license.store;
