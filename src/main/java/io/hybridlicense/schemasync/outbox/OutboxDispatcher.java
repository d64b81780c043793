package io.hybridlicense.schemasync.outbox;

import io.hybridlicense.schemasync.eventstore.Outbox;
import io.hybridlicense.schemasync.target.AttemptDeadline;
import io.hybridlicense.shared.CoalescedTask;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
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
 * An attempt whose claim is gone, or whose lease may have lapsed because no renewal got through for a
 * whole lease, is stopped (its statement cancelled, nothing committed); the target-side table lock
 * ({@code target.TableLock}) keeps a stopped attempt's last statement from overlapping the next one.
 *
 * <p>Stopping is graceful: claiming stops at once, running attempts get until a deadline to finish,
 * and the claims of those still running then are released (not left to lapse) and their attempts
 * stopped, so another server may take them over at once.
 */
final class OutboxDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);

    private final String name;
    private final Outbox outbox;
    private final ApplyQueuedChange apply;
    private final Duration claimTimeout;
    private final Semaphore free;
    private final CoalescedTask dispatcher;
    private final ExecutorService workers;
    private final ScheduledExecutorService heartbeat;
    private final Map<Outbox.Claim, AttemptDeadline> running = new ConcurrentHashMap<>();
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicLong stopRequestedAt = new AtomicLong();
    private volatile boolean active = true;

    OutboxDispatcher(String name, int workerCount, Outbox outbox, ApplyQueuedChange apply, Duration claimTimeout) {
        this.name = name;
        this.outbox = outbox;
        this.apply = apply;
        this.claimTimeout = claimTimeout;
        this.free = new Semaphore(workerCount);
        this.dispatcher = new CoalescedTask(name + "-dispatch", this::dispatch);
        this.workers = Executors.newFixedThreadPool(workerCount, r -> {
            Thread worker = new Thread(r, name + "-worker");
            worker.setDaemon(true); // an attempt stalled beyond the grace period must not hold the process
            return worker;
        });
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, name + "-heartbeat"));
        long beat = Math.max(100, claimTimeout.toMillis() / 4);
        heartbeat.scheduleWithFixedDelay(this::beat, beat, beat, TimeUnit.MILLISECONDS);
    }

    void wake() {
        if (active) {
            dispatcher.request();
        }
    }

    private void dispatch() {
        int capacity = free.availablePermits();
        if (!active || capacity == 0) {
            return;
        }
        List<Outbox.Claim> claims;
        long claimSentAt = System.nanoTime();
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
            deadline.leaseRenewed(claimSentAt, claimTimeout);
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

    /**
     * Renews the leases of the attempts still within their deadline, and stops every attempt whose claim
     * is gone or whose lease may have lapsed (no renewal got through in time), so that it does not go on
     * beside the server that takes the change over. A claim found gone may also be one whose attempt has
     * just recorded its outcome; stopping it then changes nothing, so nothing is logged here: the attempt
     * itself reports a loss when recording its outcome finds the claim gone.
     */
    private void beat() {
        Map<Outbox.Claim, AttemptDeadline> renewable = running.entrySet().stream().filter(attempt -> !attempt.getValue().passed())
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        long sentAt = System.nanoTime();
        try {
            Set<Outbox.Claim> lost = outbox.extend(renewable.keySet(), claimTimeout);
            renewable.forEach((claim, deadline) -> {
                if (lost.contains(claim)) {
                    deadline.abandon("another server holds its claim now");
                } else {
                    deadline.leaseRenewed(sentAt, claimTimeout);
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s could not renew its leases", name);
        }
        running.values().forEach(AttemptDeadline::abandonIfLeaseLapsed);
    }

    /** How many rows this instance has claimed so far. */
    long claimed() {
        return claimed.get();
    }

    /** Claims nothing more from now on; attempts already running carry on. The first call starts the grace period. */
    void stopClaiming() {
        stopRequestedAt.compareAndSet(0, System.nanoTime());
        active = false;
        dispatcher.stop();
    }

    /**
     * Stops claiming, waits for the running attempts until {@code grace} after the first
     * {@link #stopClaiming()}, then releases the claims of those still running and interrupts them: what
     * they record afterwards is refused, because the claim is no longer theirs.
     *
     * @return the claims released
     */
    List<Outbox.Claim> stop(Duration grace) {
        stopClaiming();
        workers.shutdown();
        long left = grace.toNanos() - (System.nanoTime() - stopRequestedAt.get());
        try {
            workers.awaitTermination(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heartbeat.shutdownNow();
        List<Outbox.Claim> released = release();
        // released first: their statements are cancelled and they commit nothing, while another server may take them over
        running.values().forEach(deadline -> deadline.abandon(ApplyQueuedChange.RELEASED_AT_SHUTDOWN));
        workers.shutdownNow();
        return released;
    }

    private List<Outbox.Claim> release() {
        List<Outbox.Claim> unfinished = List.copyOf(running.keySet());
        if (unfinished.isEmpty()) {
            return List.of();
        }
        try {
            List<Outbox.Claim> released = outbox.release(unfinished);
            LOG.infof("%s stopped with %d change(s) still being applied; released their claims for another server",
                    name, released.size());
            return released;
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s could not release its claims; they lapse within %s", name, claimTimeout);
            return List.of();
        }
    }
}
