package io.hybridlicense.license.lifecycle;

import io.hybridlicense.license.LicenseConfig;
import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.license.domain.Actor;
import io.hybridlicense.license.store.LicenseEntity;
import io.hybridlicense.shared.Clock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;

/**
 * Marks live licenses past {@code expires_at} and their policy's expiry grace as expired, audited like any status change. Safe with
 * several instances: each batch claims its rows with {@code FOR UPDATE SKIP LOCKED}, so two instances
 * never work on the same license, and a row already expired no longer matches.
 */
@ApplicationScoped
class ExpiryJob {

    private final EntityManager entityManager;
    private final ChangeLicenseStatus changes;
    private final Clock clock;
    private final int batchSize;

    ExpiryJob(EntityManager entityManager, ChangeLicenseStatus changes, Clock clock, LicenseConfig config) {
        this.entityManager = entityManager;
        this.changes = changes;
        this.clock = clock;
        this.batchSize = config.expiry().batchSize();
    }

    @Scheduled(every = "${hl.license.expiry.every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        expireDue();
    }

    /** @return how many licenses this call expired */
    int expireDue() {
        int total = 0;
        int expired;
        do {
            expired = QuarkusTransaction.requiringNew().call(this::expireOneBatch);
            total += expired;
        } while (expired == batchSize);
        return total;
    }

    private int expireOneBatch() {
        @SuppressWarnings("unchecked")
        List<UUID> due = entityManager.createNativeQuery("""
                        SELECT l.id FROM license.licenses l
                        LEFT JOIN license.subscriptions s ON s.user_id = l.user_id
                        LEFT JOIN license.plans pl ON pl.code = s.plan
                        LEFT JOIN license.policies po ON po.id = pl.policy_id
                        WHERE l.status IN ('active', 'suspended') AND l.expires_at <= :now
                          AND l.expires_at + make_interval(secs => coalesce(po.expiry_grace_seconds, 0)) <= :now
                        ORDER BY l.expires_at
                        LIMIT :limit
                        FOR UPDATE OF l SKIP LOCKED""", UUID.class)
                .setParameter("now", clock.now())
                .setParameter("limit", batchSize)
                .getResultList();
        for (UUID id : due) {
            changes.apply(LicenseEntity.findById(id), LicenseStatus.EXPIRED, Actor.SYSTEM, null);
        }
        return due.size();
    }
}
