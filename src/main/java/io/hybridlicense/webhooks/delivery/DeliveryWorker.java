package io.hybridlicense.webhooks.delivery;

import io.hybridlicense.shared.CoalescedTask;
import io.hybridlicense.webhooks.WebhooksConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * This instance's delivery worker: claims the due deliveries of as many endpoints as it has free workers
 * ({@link Deliveries#claim}: an endpoint's head and up to {@code batch-per-endpoint} rows after it) and runs
 * each endpoint's on one worker, one after another in order; the first that fails (it is retried later) or a
 * lease too short for one more attempt ends the run, and the rest are released unsent, so an endpoint's
 * deliveries arrive in the order they were written. Woken after every commit that queued deliveries here, by other instances' notices
 * ({@link DeliveryNotices}), and by a {@code @Scheduled} poll (retries due, leases lapsed after a crash
 * elsewhere, a lost notice). Wake-ups coalesce. An attempt is bounded by {@code timeout}, well within the
 * {@code lease}, so leases need no renewal; an instance killed mid-delivery delays it by at most the lease.
 * On shutdown it claims nothing more, lets attempts finish within their timeout and releases the rest.
 */
@ApplicationScoped
class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final Deliveries deliveries;
    private final DeliverOne deliverOne;
    private final WebhooksConfig config;
    private final Semaphore free;
    private final CoalescedTask dispatcher;
    private final ExecutorService workers;
    private final Map<Deliveries.Claim, Boolean> running = new ConcurrentHashMap<>();
    private final long leaseNanos;
    private final long attemptNanos;
    private volatile boolean active = true;

    DeliveryWorker(Deliveries deliveries, DeliverOne deliverOne, WebhooksConfig config) {
        this.deliveries = deliveries;
        this.deliverOne = deliverOne;
        this.config = config;
        this.free = new Semaphore(config.workers());
        this.leaseNanos = config.lease().toNanos();
        // an attempt may take the timeout, and its outcome must be recorded before the lease ends
        this.attemptNanos = config.timeout().plusSeconds(1).toNanos();
        this.dispatcher = new CoalescedTask("webhooks-dispatch", this::dispatch);
        this.workers = Executors.newFixedThreadPool(config.workers(), r -> daemon(r, "webhooks-worker"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    void onStart(@Observes StartupEvent event) {
        wake();
    }

    @Scheduled(every = "${hl.webhooks.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    void afterQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveriesQueued event) {
        wake();
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
        List<Deliveries.Claim> claims;
        long claimedAt = System.nanoTime();
        try {
            claims = deliveries.claim(capacity, config.batchPerEndpoint(), config.lease());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not claim webhook deliveries");
            return;
        }
        Map<UUID, List<Deliveries.Claim>> byEndpoint = claims.stream()
                .collect(Collectors.groupingBy(Deliveries.Claim::endpointId, LinkedHashMap::new, Collectors.toList()));
        for (List<Deliveries.Claim> inOrder : byEndpoint.values()) {
            free.acquireUninterruptibly();
            inOrder.forEach(claim -> running.put(claim, true));
            workers.execute(() -> run(inOrder, claimedAt));
        }
        if (byEndpoint.size() == capacity) {
            wake(); // there may be more
        }
    }

    private void run(List<Deliveries.Claim> inOrder, long claimedAt) {
        try {
            int attempted = deliverOne.runInOrder(inOrder, () -> active && leaseLeftFor(claimedAt));
            inOrder.subList(attempted, inOrder.size()).forEach(this::release);
        } catch (RuntimeException | Error e) {
            // not recorded: the leases lapse and another claim runs them again, in order
            LOG.errorf(e, "Webhook deliveries to endpoint %s abandoned", inOrder.get(0).endpointId());
        } finally {
            inOrder.forEach(running::remove);
            free.release();
            wake();
        }
    }

    private boolean leaseLeftFor(long claimedAt) {
        return System.nanoTime() - claimedAt + attemptNanos < leaseNanos;
    }

    private void release(Deliveries.Claim claim) {
        try {
            deliveries.release(claim.id(), claim.token());
        } catch (RuntimeException e) {
            LOG.debugf("Could not release delivery %s; its lease lapses", claim.id());
        } finally {
            running.remove(claim);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        active = false;
        dispatcher.stop();
        workers.shutdown();
        try {
            workers.awaitTermination(config.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List.copyOf(running.keySet()).forEach(this::release);
        workers.shutdownNow();
    }
}
