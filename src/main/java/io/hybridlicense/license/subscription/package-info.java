/**
 * Subscriptions: started with a registration, read through {@code /api/v1/subscriptions/me} and
 * auth's {@code SubscriptionDirectory}, plan changes by the user ({@code SubscriptionResource}, fewer
 * seats only) or an admin ({@code AdminSubscriptionResource}), and the renewal job.
 */
package io.hybridlicense.license.subscription;
