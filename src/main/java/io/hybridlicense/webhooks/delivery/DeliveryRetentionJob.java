package io.hybridlicense.webhooks.delivery;

import io.hybridlicense.webhooks.WebhooksConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps the webhook outbox from growing without end: settled deliveries older than {@code retention} are
 * deleted hourly, in batches (each its own statement, so no long lock); pending ones are never touched.
 * Instances running it at once delete disjoint or already-deleted rows: harmless.
 */
@ApplicationScoped
class DeliveryRetentionJob {

    static final int BATCH = 5_000;

    private final Deliveries deliveries;
    private final WebhooksConfig config;

    DeliveryRetentionJob(Deliveries deliveries, WebhooksConfig config) {
        this.deliveries = deliveries;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        int deleted;
        do {
            deleted = deliveries.purgeSettled(config.retention(), BATCH);
        } while (deleted == BATCH);
    }
}
