package io.hybridlicense.schemasync.outbox;

import io.hybridlicense.schemasync.SchemaSyncConfig;
import io.hybridlicense.shared.NoticeSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Receives the {@link ChangeNotices} of the other instances (through the process's one listening
 * connection, which reconnects by itself): a queued change wakes this server's poller at once, a
 * settled one the {@code Prefer: wait} requests on that table. While not listening, the poll and the
 * waiters' re-reads carry on, so a lost notice costs at most one poll interval; on listening again the
 * poller looks for what was queued meanwhile.
 */
@ApplicationScoped
class NoticeListener implements NoticeSubscriber {

    private final boolean enabled;
    private final ChangeNotices notices;
    private final OutboxPoller poller;
    private final Settlements settlements;

    NoticeListener(SchemaSyncConfig config, ChangeNotices notices, OutboxPoller poller, Settlements settlements) {
        this.enabled = config.crossInstanceWakeUp();
        this.notices = notices;
        this.poller = poller;
        this.settlements = settlements;
    }

    @Override
    public Set<String> channels() {
        return enabled ? Set.of(ChangeNotices.QUEUED, ChangeNotices.SETTLED) : Set.of();
    }

    @Override
    public void onListening() {
        poller.wake();
    }

    @Override
    public void onNotice(String channel, String payload) {
        ChangeNotices.Notice.parse(payload)
                .filter(notice -> !notice.instance().equals(notices.instance()))
                .ifPresent(notice -> {
                    if (ChangeNotices.QUEUED.equals(channel)) {
                        poller.wake();
                    } else {
                        settlements.wake(notice.table());
                    }
                });
    }
}
