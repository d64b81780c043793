package io.hybridlicense.license.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What other modules (admin, its console) may ask of license. The changes are the same use cases as
 * license's own endpoints, with the same checks and audit entries; they throw
 * {@link io.hybridlicense.shared.ProblemException} with the endpoints' statuses.
 */
public interface LicenseApi {

    Optional<LicenseView> findLicense(UUID licenseId);

    /** The user's licenses, live ones first, newest first. */
    List<LicenseView> licensesOf(UUID userId);

    Optional<SubscriptionView> subscriptionOf(UUID userId);

    /** Every policy, by name, with what uses it. */
    List<PolicyView> policies();

    /** One policy; 404 when there is none. */
    PolicyView policy(UUID policyId);

    /**
     * An admin edits a policy only if it is still at {@code expectedVersion}: 412 otherwise, 409 when fewer
     * seats than a user under it has live licenses (naming the count), 422 for invalid terms; audited.
     */
    PolicyView changePolicy(UUID policyId, long expectedVersion, PolicyTerms terms, UUID adminId);

    /**
     * An admin moves a user to a plan of the catalogue, as {@code POST /api/v1/admin/users/{id}/plan}: 400
     * {@code unknown-plan}, 409 {@code plan-downgrade-refused}, 404 without a subscription; audited.
     */
    SubscriptionView changePlan(UUID userId, String plan, UUID adminId);

    /** The codes of the plan catalogue, sorted (admins add plans: {@code /api/v1/admin/plans}). */
    List<String> planCodes();

    /**
     * An admin changes one license's status, only if it is still at {@code expectedVersion} (the ETag
     * the admin saw): 412 {@code precondition-failed} otherwise, 409 {@code invalid-transition}, 404.
     */
    LicenseView changeStatus(UUID licenseId, LicenseStatus status, long expectedVersion, UUID adminId);

    /** An admin's batch, all or nothing (as {@code POST /api/v1/admin/licenses/status-batch}). */
    List<LicenseView> changeStatuses(List<LicenseStatusChange> changes, UUID adminId);

    /**
     * An admin extends a live license by one validity period ({@code POST /api/v1/licenses/{id}/extend}),
     * only if it is still at {@code expectedVersion}: 412, 409 for a final license, 404.
     */
    LicenseView extend(UUID licenseId, long expectedVersion, UUID adminId);

    /** The owner deactivates one of their licenses (a machine), freeing its seat; 404 if not theirs. */
    LicenseView deactivate(UUID licenseId, UUID ownerId);
}
