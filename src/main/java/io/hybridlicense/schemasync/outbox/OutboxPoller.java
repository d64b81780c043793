package io.hybridlicense.schemasync.outbox;

import io.hybridlicense.schemasync.SchemaSyncConfig;
import io.hybridlicense.schemasync.datasource.Targets;
import io.hybridlicense.schemasync.eventstore.Outbox;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;

/**
 * This server's outbox poller: a {@code @Scheduled} poll as the safety net (rows due for retry,
 * claims expired by a crash elsewhere, a lost notice) and an immediate wake-up after every commit that
 * queued or settled a change, on this server or, through {@link NoticeListener}, on another, so
 * latency does not depend on the poll interval.
 *
 * <p>On shutdown it claims nothing more from the first signal (the shutdown delay, while readiness is
 * already down, or else the shutdown itself), gives running attempts until {@code shutdown-grace} after
 * that signal, then releases the claims of those still running and tells the other instances, which
 * take them over at once.
 */
@ApplicationScoped
class OutboxPoller {

    private final OutboxDispatcher dispatcher;

    private final Targets targets;

    private final Duration shutdownGrace;

    private final Event<ChangeQueued> released;

    OutboxPoller(SchemaSyncConfig config, Outbox outbox, ApplyQueuedChange apply, Targets targets, Event<ChangeQueued> released) {
        this.targets = targets;
        this.shutdownGrace = config.shutdownGrace();
        this.released = released;
        this.dispatcher = new OutboxDispatcher("schemasync", config.workers(), outbox, apply, config.claimTimeout());
    }

    void onStart(@Observes StartupEvent event) {
        dispatcher.wake();
        Thread warmUp = new Thread(targets.applier()::warmUp, "schemasync-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        dispatcher.stopClaiming();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Stops within the shutdown grace; a released claim is announced like a newly queued change. */
    void stop() {
        dispatcher.stop(shutdownGrace).forEach(claim -> released.fire(new ChangeQueued(claim.streamId())));
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
