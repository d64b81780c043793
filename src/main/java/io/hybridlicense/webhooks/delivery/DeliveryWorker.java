package io.hybridlicense.webhooks.delivery;

import io.hybridlicense.shared.CoalescedTask;
import io.hybridlicense.webhooks.WebhooksConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * This instance's delivery worker: claims as many due deliveries as it has free workers and runs each on
 * one. Woken after every commit that queued deliveries here, by other instances' notices
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
    private volatile boolean active = true;

    DeliveryWorker(Deliveries deliveries, DeliverOne deliverOne, WebhooksConfig config) {
        this.deliveries = deliveries;
        this.deliverOne = deliverOne;
        this.config = config;
        this.free = new Semaphore(config.workers());
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
        try {
            claims = deliveries.claim(capacity, config.lease());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not claim webhook deliveries");
            return;
        }
        for (Deliveries.Claim claim : claims) {
            free.acquireUninterruptibly();
            running.put(claim, true);
            workers.execute(() -> run(claim));
        }
        if (claims.size() == capacity) {
            wake(); // there may be more
        }
    }

    private void run(Deliveries.Claim claim) {
        try {
            deliverOne.run(claim);
        } catch (RuntimeException | Error e) {
            // not recorded: the lease lapses and another claim runs it again
            LOG.errorf(e, "Webhook delivery %s abandoned (attempt %d)", claim.id(), claim.attempts());
        } finally {
            running.remove(claim);
            free.release();
            wake();
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
        for (Deliveries.Claim claim : List.copyOf(running.keySet())) {
            try {
                deliveries.release(claim.id(), claim.token());
            } catch (RuntimeException e) {
                LOG.debugf("Could not release delivery %s; its lease lapses", claim.id());
            }
        }
        workers.shutdownNow();
    }
}
