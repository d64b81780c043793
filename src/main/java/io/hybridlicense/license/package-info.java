/**
 * license: activation of licenses per client/machine id, online and offline validation, the
 * active/suspended/revoked/expired/deactivated lifecycle with optimistic locking, policies (seats,
 * duration, expiry grace, entitlements) named by plans,
 * subscriptions (started by auth's {@code UserRegistered}, plan changes, renewal), batch status updates
 * and scheduled expiry. The status and seat rules are plain Java in {@code domain}. Online validation
 * is answered on the Vert.x event loop and reads the current rows with the reactive PostgreSQL client,
 * batched per event loop (docs/adr/0005-license-validation-on-the-event-loop.md).
 *
 * <p>Exports through {@code api}: the {@code LicenseApi} facade, license and subscription views and its
 * events ({@code LicenseActivated}, {@code LicenseStatusChanged}, {@code SubscriptionStarted},
 * {@code SubscriptionPlanChanged}, {@code SubscriptionRenewed}, {@code PolicyChanged}, {@code PlanChanged},
 * {@code EntitlementChanged}) and {@code PolicyView}. Owns the schema {@code license}, and
 * the read-only reporting views admin reads there (licenses, subscriptions, and the licenses per status
 * and seats per plan that its triggers count; {@code CountsCompactionJob} keeps those counts compact).
 * Uses {@code auth.api} (credential checks, token signing, plans, the caller's identity) and implements
 * its {@code SubscriptionDirectory} and {@code PlanCatalogue}.
 *
 * <p>Inside, one folder per feature, each with its REST entry, use case and jobs:
 * <ul>
 *   <li>{@code activation}: a client id becomes a license under the seat limit ({@code ActivateLicense}).</li>
 *   <li>{@code validation}: the hot path: the event-loop route, the use case, the batched read of the
 *       current rows, the write-behind of {@code last_validated_at} and the validation metrics.</li>
 *   <li>{@code lifecycle}: a license after its activation: reads, status changes (one or a batch),
 *       extension, the expiry job; and the module's doors, {@code LicenseFacade} (the {@code api}) and
 *       {@code LicenseResource}. {@code /api/v1/licenses} stays one resource class: Quarkus REST routes a
 *       path prefix to one class (two classes under one prefix is where its routing misses live), and the
 *       OpenAPI document keeps its one tag; its {@code activate} and {@code validate} hand over to
 *       {@code activation} and {@code validation}.</li>
 *   <li>{@code subscription}: subscriptions, plan changes (the user's and an admin's), the renewal job.</li>
 * </ul>
 * Below the features, beside {@code store}: {@code policy}, the terms they all apply (policies, the plan
 * catalogue, entitlements, their admin endpoints, and the policy cache validation reads).
 * The tables sit in {@code store} ({@code LicenseEntity} for {@code license.licenses},
 * {@code SubscriptionEntity} for {@code license.subscriptions}, and the job that compacts their
 * reporting counts), not in one feature: every feature but validation writes or locks
 * {@code license.licenses}, and activation takes the subscription's row lock as plan changes do, so
 * whichever feature owned a table, another would reach into it. Validation reads and writes its two
 * columns with its own SQL, off JPA, as it runs on the event loop. Here at the root: only what every
 * feature shares, the module's settings ({@code LicenseConfig}), the license token ({@code LicenseTokens}),
 * the request bodies with their formats ({@code LicenseRequests}) and the ETag/If-Match versions ({@code ETags}). The directions (features use
 * {@code store}, the root, {@code domain} and {@code api}; only {@code lifecycle} hands over to other
 * features; {@code store} and the root use no feature; {@code validation} uses no JPA) are checked by
 * ArchitectureTest.
 */
package io.hybridlicense.license;
