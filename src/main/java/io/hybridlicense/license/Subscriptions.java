package io.hybridlicense.license;

import io.hybridlicense.auth.api.AuthApi;
import io.hybridlicense.auth.api.Plan;
import io.hybridlicense.auth.api.SubscriptionDirectory;
import io.hybridlicense.auth.api.SubscriptionSummary;
import io.hybridlicense.auth.api.UserRegistered;
import io.hybridlicense.license.api.SubscriptionPlanChanged;
import io.hybridlicense.license.api.SubscriptionStarted;
import io.hybridlicense.license.api.SubscriptionView;
import io.hybridlicense.license.domain.SeatPolicy;
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
class Subscriptions implements SubscriptionDirectory {

    private final AuthApi auth;
    private final LicenseConfig config;
    private final Event<SubscriptionStarted> started;
    private final Event<SubscriptionPlanChanged> planChanged;

    Subscriptions(AuthApi auth, LicenseConfig config, Event<SubscriptionStarted> started,
                  Event<SubscriptionPlanChanged> planChanged) {
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
    Optional<SubscriptionView> find(UUID userId) {
        return SubscriptionEntity.findOf(userId).map(SubscriptionEntity::toView);
    }

    @Override
    public Optional<SubscriptionSummary> subscriptionOf(UUID userId) {
        return find(userId).map(s -> new SubscriptionSummary(s.subscriptionId(), s.plan(), s.status(), s.startedAt(), s.renewsAt()));
    }

    /**
     * Under the same lock as activation, so that no activation slips in between the seat count and
     * the plan change.
     */
    @Transactional
    SubscriptionView changePlan(UUID userId, Plan plan) {
        SubscriptionEntity subscription = SubscriptionEntity.lockOf(userId)
                .orElseThrow(() -> ProblemException.notFound("The subscription"));
        if (subscription.plan == plan) {
            return subscription.toView();
        }
        long live = LicenseEntity.countLive(userId);
        if (!SeatPolicy.fits(config.seatsOf(plan), live)) {
            throw new ProblemException(Problem.of(409, "plan-downgrade-refused", "Conflict",
                    "The " + plan.wireName() + " plan allows " + config.seatsOf(plan) + " active license(s) and "
                            + live + " are active; deactivate some first"));
        }
        Plan from = subscription.plan;
        subscription.plan = plan;
        auth.changePlan(userId, plan);
        planChanged.fire(new SubscriptionPlanChanged(subscription.id, userId, from, plan, userId));
        return subscription.toView();
    }
}
