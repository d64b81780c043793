package io.hybridlicense.schemasync;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * This server's outbox poller: a {@code @Scheduled} poll as the safety net (rows due for retry,
 * claims expired by a crash elsewhere, a lost notice) and an immediate wake-up after every commit that
 * queued or settled a change, on this server or, through {@link NoticeListener}, on another, so
 * latency does not depend on the poll interval.
 */
@ApplicationScoped
class OutboxPoller {

    private final OutboxDispatcher dispatcher;

    private final Targets targets;

    OutboxPoller(SchemaSyncConfig config, Outbox outbox, ApplyQueuedChange apply, Targets targets) {
        this.targets = targets;
        this.dispatcher = new OutboxDispatcher("schemasync", config.workers(), outbox, apply, config.claimTimeout());
    }

    void onStart(@Observes StartupEvent event) {
        dispatcher.wake();
        Thread warmUp = new Thread(targets.applier()::warmUp, "schemasync-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        dispatcher.stop();
    }

    @Scheduled(every = "${hl.schemasync.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        dispatcher.wake();
        targets.applier().closeIdleConnections();
    }

    void afterQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChangeQueued event) {
        dispatcher.wake();
    }

    void afterSettled(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChangeSettled event) {
        dispatcher.wake();
    }

    /** Looks for work now: another instance queued a change. */
    void wake() {
        dispatcher.wake();
    }
}
