package io.hybridlicense.license.lifecycle;

import io.hybridlicense.auth.api.Caller;
import io.hybridlicense.auth.api.Plan;
import io.hybridlicense.license.api.PolicyTerms;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.hybridlicense.license.api.PolicyView;
import io.hybridlicense.license.policy.Plans;
import io.hybridlicense.license.policy.Policies;
import io.hybridlicense.license.api.LicenseApi;
import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.license.api.LicenseStatusChange;
import io.hybridlicense.license.api.LicenseView;
import io.hybridlicense.license.api.SubscriptionView;
import io.hybridlicense.license.store.LicenseEntity;
import io.hybridlicense.license.subscription.Subscriptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

@ApplicationScoped
class LicenseFacade implements LicenseApi {

    private final Subscriptions subscriptions;
    private final ChangeLicenseStatus changes;
    private final BatchStatusUpdate batch;
    private final ExtendLicense extension;
    private final Plans plans;
    private final Policies policies;

    LicenseFacade(Subscriptions subscriptions, ChangeLicenseStatus changes, BatchStatusUpdate batch,
                  ExtendLicense extension, Plans plans, Policies policies) {
        this.policies = policies;
        this.plans = plans;
        this.extension = extension;
        this.subscriptions = subscriptions;
        this.changes = changes;
        this.batch = batch;
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<LicenseView> findLicense(UUID licenseId) {
        return LicenseEntity.<LicenseEntity>findByIdOptional(licenseId).map(LicenseEntity::toView);
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<LicenseView> licensesOf(UUID userId) {
        return LicenseEntity.listOf(userId).stream().map(LicenseEntity::toView).toList();
    }

    @Override
    public List<PolicyView> policies() {
        return policies.list();
    }

    @Override
    public PolicyView policy(UUID policyId) {
        return policies.find(policyId);
    }

    @Override
    public PolicyView changePolicy(UUID policyId, long expectedVersion, PolicyTerms terms, UUID adminId) {
        return policies.change(policyId, expectedVersion, terms, adminId);
    }

    @Override
    public SubscriptionView changePlan(UUID userId, String plan, UUID adminId) {
        return subscriptions.changePlanAsAdmin(userId, Plan.fromWireName(plan).orElseThrow(() -> new ProblemException(
                Problem.of(400, "unknown-plan", "Bad Request", "The catalogue has no such plan"))), adminId);
    }

    @Override
    public List<String> planCodes() {
        return plans.codes();
    }

    @Override
    public Optional<SubscriptionView> subscriptionOf(UUID userId) {
        return subscriptions.find(userId);
    }

    @Override
    public LicenseView changeStatus(UUID licenseId, LicenseStatus status, long expectedVersion, UUID adminId) {
        return changes.change(licenseId, status, OptionalLong.of(expectedVersion), new Caller(adminId, true));
    }

    @Override
    public List<LicenseView> changeStatuses(List<LicenseStatusChange> items, UUID adminId) {
        return batch.apply(items.stream()
                .map(item -> new BatchStatusUpdate.Item(item.licenseId(), item.status(), item.expectedVersion()))
                .toList(), adminId);
    }

    @Override
    public LicenseView extend(UUID licenseId, long expectedVersion, UUID adminId) {
        return extension.extend(licenseId, OptionalLong.of(expectedVersion), new Caller(adminId, true));
    }

    @Override
    public LicenseView deactivate(UUID licenseId, UUID ownerId) {
        return changes.deactivate(licenseId, new Caller(ownerId, false));
    }
}
