package io.hybridlicense.license.subscription;

import io.hybridlicense.auth.api.AuthApi;
import io.hybridlicense.auth.api.Plan;
import io.hybridlicense.auth.api.SubscriptionDirectory;
import io.hybridlicense.auth.api.SubscriptionSummary;
import io.hybridlicense.auth.api.UserRegistered;
import io.hybridlicense.license.LicenseConfig;
import io.hybridlicense.license.api.SubscriptionPlanChanged;
import io.hybridlicense.license.api.SubscriptionStarted;
import io.hybridlicense.license.api.SubscriptionView;
import io.hybridlicense.license.domain.Policy;
import io.hybridlicense.license.domain.SeatPolicy;
import io.hybridlicense.license.policy.Plans;
import io.hybridlicense.license.policy.Policies;
import io.hybridlicense.license.store.LicenseEntity;
import io.hybridlicense.license.store.SubscriptionEntity;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

/** Starting subscriptions with registration, reading them, and plan changes with the downgrade check. */
@ApplicationScoped
public class Subscriptions implements SubscriptionDirectory {

    private final AuthApi auth;
    private final LicenseConfig config;
    private final Event<SubscriptionStarted> started;
    private final Event<SubscriptionPlanChanged> planChanged;
    private final Policies policies;
    private final Plans plans;

    Subscriptions(AuthApi auth, LicenseConfig config, Event<SubscriptionStarted> started,
                  Event<SubscriptionPlanChanged> planChanged, Policies policies, Plans plans) {
        this.policies = policies;
        this.plans = plans;
        this.auth = auth;
        this.config = config;
        this.started = started;
        this.planChanged = planChanged;
    }

    /** Runs inside the registering transaction: a failure here undoes the registration. */
    @Transactional(Transactional.TxType.MANDATORY)
    void start(@Observes UserRegistered registered) {
        SubscriptionEntity subscription = new SubscriptionEntity();
        subscription.id = UUID.randomUUID();
        subscription.userId = registered.userId();
        subscription.plan = registered.plan();
        subscription.status = SubscriptionView.ACTIVE;
        subscription.startedAt = registered.registeredAt();
        subscription.renewsAt = registered.registeredAt().plus(config.subscription().period());
        subscription.persist();
        started.fire(new SubscriptionStarted(subscription.id, subscription.userId, subscription.plan, subscription.renewsAt));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SubscriptionView> find(UUID userId) {
        return SubscriptionEntity.findOf(userId).map(SubscriptionEntity::toView);
    }

    @Override
    public Optional<SubscriptionSummary> subscriptionOf(UUID userId) {
        return find(userId).map(s -> new SubscriptionSummary(s.subscriptionId(), s.plan(), s.status(), s.startedAt(), s.renewsAt()));
    }

    /**
     * A user's own plan change: only to a plan with no more seats than the current one (a plan with more
     * is set by an admin, or by a billing integration), and only to one that holds the live licenses.
     */
    @Transactional
    SubscriptionView changeOwnPlan(UUID userId, Plan plan) {
        return changePlan(userId, plan, userId, false);
    }

    /** An admin moves a user to any plan that holds the user's live licenses; audited with the admin as actor. */
    @Transactional
    public SubscriptionView changePlanAsAdmin(UUID userId, Plan plan, UUID adminId) {
        return changePlan(userId, plan, adminId, true);
    }

    /** Under the subscription's row lock, so that the checks and the change are one step. */
    private SubscriptionView changePlan(UUID userId, Plan plan, UUID actorId, boolean mayAddSeats) {
        SubscriptionEntity subscription = SubscriptionEntity.lockOf(userId)
                .orElseThrow(() -> ProblemException.notFound("The subscription"));
        if (subscription.plan.equals(plan)) {
            return subscription.toView();
        }
        if (!plans.exists(plan)) {
            throw new ProblemException(Problem.of(400, "unknown-plan", "Bad Request", "The catalogue has no such plan")
                    .withErrors(java.util.List.of(new Problem.FieldError("plan", "must be a plan of the catalogue"))));
        }
        // both plans' policies FOR SHARE: a policy edit that lowers seats waits for this change, or this for it
        Policy current = policies.lockedOf(subscription.plan);
        Policy target = policies.lockedOf(plan);
        if (!mayAddSeats && target.seats() > current.seats()) {
            throw new ProblemException(Problem.of(403, "plan-upgrade-by-admin", "Forbidden",
                    "A plan with more seats is set by an administrator"));
        }
        long live = LicenseEntity.countLive(userId);
        if (!SeatPolicy.fits(target.seats(), live)) {
            throw new ProblemException(Problem.of(409, "plan-downgrade-refused", "Conflict",
                    "The " + plan.wireName() + " plan allows " + target.seats() + " active license(s) and "
                            + live + " are active; deactivate some first"));
        }
        Plan from = subscription.plan;
        subscription.plan = plan;
        auth.changePlan(userId, plan);
        planChanged.fire(new SubscriptionPlanChanged(subscription.id, userId, from, plan, actorId));
        return subscription.toView();
    }
}
