package io.hybridlicense.schemasync.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Holds the worker that recorded an outcome of an armed table for a while after the commit, before its
 * attempt counts as finished: the moment a heartbeat used to find the claim "gone" (the row is done) while
 * the attempt still counted as running.
 */
@ApplicationScoped
class LingeringAfterSettlement {

    private final Map<UUID, Duration> lingering = new ConcurrentHashMap<>();

    void linger(UUID tableId, Duration pause) {
        lingering.put(tableId, pause);
    }

    void stop(UUID tableId) {
        lingering.remove(tableId);
    }

    void afterSettled(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChangeSettled event) {
        Duration pause = lingering.get(event.tableId());
        if (pause != null) {
            LockSupport.parkNanos(pause.toNanos());
        }
    }
}
