package io.hybridlicense.schemasync;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One poller instance: claims as many due rows as it has free workers and runs each on a worker.
 * Wake-ups coalesce (many commits in a burst cause one claim query, not one each); a finished row
 * wakes it again, because the table's next version has just become eligible. Several instances,
 * in one JVM or many, share the outbox safely through the claim query.
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
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong claimed = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean running = true;

    OutboxDispatcher(String name, int workerCount, Outbox outbox, ApplyQueuedChange apply, Duration claimTimeout) {
        this.name = name;
        this.outbox = outbox;
        this.apply = apply;
        this.claimTimeout = claimTimeout;
        this.free = new Semaphore(workerCount);
        this.dispatcher = Executors.newSingleThreadExecutor(r -> new Thread(r, name + "-dispatch"));
        this.workers = Executors.newFixedThreadPool(workerCount, r -> new Thread(r, name + "-worker"));
    }

    void wake() {
        if (running && wakeRequested.compareAndSet(false, true)) {
            try {
                dispatcher.execute(this::dispatch);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                wakeRequested.set(false);
            }
        }
    }

    private void dispatch() {
        wakeRequested.set(false);
        int capacity = free.availablePermits();
        if (!running || capacity == 0) {
            return;
        }
        List<Outbox.Claim> claims;
        try {
            claims = outbox.claim(capacity, claimTimeout);
        } catch (RuntimeException e) {
            LOG.warnf("%s could not claim outbox rows: %s", name, e.getMessage());
            return;
        }
        claimed.addAndGet(claims.size());
        for (Outbox.Claim claim : claims) {
            free.acquireUninterruptibly();
            workers.execute(() -> run(claim));
        }
    }

    private void run(Outbox.Claim claim) {
        try {
            apply.run(claim);
        } catch (RuntimeException | Error e) {
            // The claim stays until it expires; then this or another server runs the row again.
            LOG.warnf("%s abandoned change %d of %s: %s", name, claim.changeVersion(), claim.streamId(), e.toString());
        } finally {
            free.release();
            wake();
        }
    }

    /** How many rows this instance has claimed so far. */
    long claimed() {
        return claimed.get();
    }

    void stop() {
        running = false;
        dispatcher.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
