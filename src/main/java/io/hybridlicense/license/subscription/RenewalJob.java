package io.hybridlicense.license.subscription;

import io.hybridlicense.license.LicenseConfig;
import io.hybridlicense.license.api.SubscriptionRenewed;
import io.hybridlicense.license.api.SubscriptionView;
import io.hybridlicense.license.store.SubscriptionEntity;
import io.hybridlicense.shared.Clock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Moves due subscriptions on by one period, or marks them {@code past_due} when renewal is configured
 * to end. Claims rows with {@code FOR UPDATE SKIP LOCKED} like lifecycle's {@code ExpiryJob}, so two instances
 * never renew a subscription twice.
 */
@ApplicationScoped
class RenewalJob {

    private static final int BATCH = 500;

    private final EntityManager entityManager;
    private final LicenseConfig.Subscription config;
    private final Clock clock;
    private final Event<SubscriptionRenewed> renewed;

    RenewalJob(EntityManager entityManager, LicenseConfig config, Clock clock, Event<SubscriptionRenewed> renewed) {
        this.entityManager = entityManager;
        this.config = config.subscription();
        this.clock = clock;
        this.renewed = renewed;
    }

    @Scheduled(every = "${hl.license.subscription.renew-every:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        renewDue();
    }

    int renewDue() {
        int total = 0;
        int done;
        do {
            done = QuarkusTransaction.requiringNew().call(this::renewOneBatch);
            total += done;
        } while (done == BATCH);
        return total;
    }

    private int renewOneBatch() {
        Instant now = clock.now();
        @SuppressWarnings("unchecked")
        List<UUID> due = entityManager.createNativeQuery("""
                        SELECT id FROM license.subscriptions
                        WHERE status = 'active' AND renews_at <= :now
                        ORDER BY renews_at
                        LIMIT :limit
                        FOR UPDATE SKIP LOCKED""", UUID.class)
                .setParameter("now", now)
                .setParameter("limit", BATCH)
                .getResultList();
        for (UUID id : due) {
            SubscriptionEntity subscription = SubscriptionEntity.findById(id);
            if (config.autoRenew()) {
                while (!subscription.renewsAt.isAfter(now)) {
                    subscription.renewsAt = subscription.renewsAt.plus(config.period());
                }
            } else {
                subscription.status = SubscriptionView.PAST_DUE;
            }
            renewed.fire(new SubscriptionRenewed(subscription.id, subscription.userId, subscription.status, subscription.renewsAt));
        }
        return due.size();
    }
}
