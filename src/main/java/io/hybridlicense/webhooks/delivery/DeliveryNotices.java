package io.hybridlicense.webhooks.delivery;

import io.hybridlicense.shared.Jdbc;
import io.hybridlicense.shared.NoticeSubscriber;
import io.hybridlicense.webhooks.WebhooksConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;

/**
 * Wakes the other instances' workers through PostgreSQL {@code NOTIFY}, sent inside the transaction that
 * queued deliveries (so delivered exactly when it commits, never when it rolls back; PostgreSQL folds a
 * transaction's identical notices into one). The payload is this instance's id only: an instance skips its
 * own notices, which its after-commit wake-up has handled. A lost notice costs at most one poll interval.
 */
@ApplicationScoped
class DeliveryNotices implements NoticeSubscriber {

    static final String QUEUED = "hl_webhooks_queued";

    private final String instance = UUID.randomUUID().toString();
    private final Jdbc jdbc;
    private final boolean enabled;
    private final DeliveryWorker worker;

    DeliveryNotices(Jdbc jdbc, WebhooksConfig config, DeliveryWorker worker) {
        this.jdbc = jdbc;
        this.enabled = config.crossInstanceWakeUp();
        this.worker = worker;
    }

    /** In the caller's transaction. */
    void queued() {
        if (enabled) {
            jdbc.one("SELECT pg_notify(?, ?)", row -> true, QUEUED, instance);
        }
    }

    @Override
    public Set<String> channels() {
        return enabled ? Set.of(QUEUED) : Set.of();
    }

    @Override
    public void onNotice(String channel, String payload) {
        if (!instance.equals(payload)) {
            worker.wake();
        }
    }

    @Override
    public void onListening() {
        worker.wake();
    }
}
