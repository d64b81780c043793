package io.hybridlicense.schemasync;

import io.hybridlicense.schemasync.target.AttemptDeadline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One poller instance: claims as many due rows as it has free workers and runs each on a worker.
 * Wake-ups coalesce (many commits in a burst cause one claim query, not one each); a finished row
 * wakes it again, because the table's next version has just become eligible. Several instances,
 * in one JVM or many, share the outbox safely through the claim query.
 *
 * <p>Leases are short and renewed: every quarter of the claim timeout a heartbeat extends the lease
 * of each attempt still running within its deadline. A server that dies stops beating, and its rows
 * are free again one claim timeout later; an attempt that overruns its deadline stops being renewed.
 */
final class OutboxDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);

    private final String name;
    private final Outbox outbox;
    private final ApplyQueuedChange apply;
    private final Duration claimTimeout;
    private final Semaphore free;
    private final ExecutorService dispatcher;
    private final ExecutorService workers;
    private final ScheduledExecutorService heartbeat;
    private final Map<Outbox.Claim, AttemptDeadline> running = new ConcurrentHashMap<>();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private final AtomicLong claimed = new AtomicLong();
    private volatile boolean active = true;

    OutboxDispatcher(String name, int workerCount, Outbox outbox, ApplyQueuedChange apply, Duration claimTimeout) {
        this.name = name;
        this.outbox = outbox;
        this.apply = apply;
        this.claimTimeout = claimTimeout;
        this.free = new Semaphore(workerCount);
        this.dispatcher = Executors.newSingleThreadExecutor(r -> new Thread(r, name + "-dispatch"));
        this.workers = Executors.newFixedThreadPool(workerCount, r -> new Thread(r, name + "-worker"));
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, name + "-heartbeat"));
        long beat = Math.max(100, claimTimeout.toMillis() / 4);
        heartbeat.scheduleWithFixedDelay(this::beat, beat, beat, TimeUnit.MILLISECONDS);
    }

    void wake() {
        if (active && wakeRequested.compareAndSet(false, true)) {
            try {
                dispatcher.execute(this::dispatch);
            } catch (RejectedExecutionException stopping) {
                wakeRequested.set(false);
            }
        }
    }

    private void dispatch() {
        wakeRequested.set(false);
        int capacity = free.availablePermits();
        if (!active || capacity == 0) {
            return;
        }
        List<Outbox.Claim> claims;
        try {
            claims = outbox.claim(capacity, claimTimeout);
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s could not claim outbox rows", name);
            return;
        }
        claimed.addAndGet(claims.size());
        for (Outbox.Claim claim : claims) {
            free.acquireUninterruptibly();
            AttemptDeadline deadline = apply.newDeadline();
            running.put(claim, deadline);
            workers.execute(() -> run(claim, deadline));
        }
    }

    private void run(Outbox.Claim claim, AttemptDeadline deadline) {
        try {
            apply.run(claim, deadline);
        } catch (RuntimeException | Error e) {
            // The lease is no longer renewed: it lapses within one claim timeout, and a poller runs the row again.
            LOG.errorf(e, "%s abandoned change %d of %s (attempt %d)", name, claim.changeVersion(), claim.streamId(),
                    claim.attempts());
        } finally {
            running.remove(claim);
            free.release();
            wake();
        }
    }

    private void beat() {
        running.values().removeIf(AttemptDeadline::passed);
        try {
            Set<Outbox.Claim> lost = outbox.extend(Set.copyOf(running.keySet()), claimTimeout);
            // a claim that just finished is "lost" too; only one still running means a lapsed lease
            lost.stream().filter(running::containsKey).forEach(claim -> LOG.warnf(
                    "%s lost the lease of change %d of %s while applying it; its outcome will not be recorded here",
                    name, claim.changeVersion(), claim.streamId()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s could not renew its leases", name);
        }
    }

    /** How many rows this instance has claimed so far. */
    long claimed() {
        return claimed.get();
    }

    void stop() {
        active = false;
        dispatcher.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heartbeat.shutdownNow();
    }
}
