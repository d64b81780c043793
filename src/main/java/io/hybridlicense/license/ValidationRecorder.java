package io.hybridlicense.license;

import io.hybridlicense.shared.Clock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps validation off the database's write path: validations only note the license id in memory,
 * and a job writes {@code last_validated_at} for the noted ids once per interval (default a minute),
 * without touching the optimistic-lock version. A crash loses at most one interval of these times,
 * which are informational.
 */
@ApplicationScoped
class ValidationRecorder {

    private static final int CHUNK = 1000;

    private final Set<UUID> seen = ConcurrentHashMap.newKeySet();
    private final EntityManager entityManager;
    private final Clock clock;

    ValidationRecorder(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    void noteValidated(UUID licenseId) {
        seen.add(licenseId);
    }

    @Scheduled(every = "${hl.license.validation.record-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recordValidations() {
        List<UUID> ids = new ArrayList<>(seen);
        seen.removeAll(ids);
        Instant now = clock.now();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                            "UPDATE license.licenses SET last_validated_at = :now WHERE id IN (:ids)"
                                    + " AND (last_validated_at IS NULL OR last_validated_at < :now)")
                    .setParameter("now", now)
                    .setParameter("ids", chunk)
                    .executeUpdate());
        }
    }
}
