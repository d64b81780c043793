package io.hybridlicense.schemasync;

import io.hybridlicense.schemasync.domain.Table;
import io.hybridlicense.schemasync.target.ChangeFailure;
import io.hybridlicense.shared.Clock;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Runs one claimed outbox row against the user's database, outside any transaction of ours (the DDL
 * may take seconds), then records the outcome: confirmed, rejected, or retried later with backoff.
 */
@ApplicationScoped
class ApplyQueuedChange {

    private static final Logger LOG = Logger.getLogger(ApplyQueuedChange.class);

    private final DataSources dataSources;
    private final EventStore events;
    private final Targets targets;
    private final SettleChange settle;
    private final Outbox outbox;
    private final AfterDdlHook hook;
    private final SchemaSyncConfig config;
    private final Clock clock;

    ApplyQueuedChange(DataSources dataSources, EventStore events, Targets targets, SettleChange settle, Outbox outbox,
                      AfterDdlHook hook, SchemaSyncConfig config, Clock clock) {
        this.dataSources = dataSources;
        this.events = events;
        this.targets = targets;
        this.settle = settle;
        this.outbox = outbox;
        this.hook = hook;
        this.config = config;
        this.clock = clock;
    }

    void run(Outbox.Claim claim) {
        DataSourceRecord ds = dataSources.findCached(claim.datasourceId()).orElseThrow();
        Table table = Table.replay(claim.streamId(), ds.dialect(),
                events.load(claim.streamId()).stream().map(EventStore.Stored::event).toList());
        if (!table.pendingChanges().containsKey(claim.changeVersion())) {
            settle.confirm(claim, true); // settled by an earlier run; this only closes the outbox row
            return;
        }
        if (claim.attempts() > config.maxAttempts()) {
            settle.reject(claim, "retry-limit-reached", "Gave up after " + config.maxAttempts() + " attempts");
            return;
        }
        try {
            boolean alreadyApplied = targets.applier().apply(targets.spec(ds), table.pendingChange(claim.changeVersion()));
            hook.afterDdl(claim.streamId(), claim.changeVersion());
            settle.confirm(claim, alreadyApplied);
        } catch (ChangeFailure failure) {
            if (failure.permanent()) {
                settle.reject(claim, failure.reason(), failure.getMessage());
            } else if (claim.attempts() >= config.maxAttempts()) {
                settle.reject(claim, "retry-limit-reached", failure.getMessage());
            } else {
                LOG.debugf("Change %d of %s failed (attempt %d), retrying: %s", claim.changeVersion(), claim.streamId(),
                        claim.attempts(), failure.getMessage());
                outbox.retryLater(claim, failure.getMessage(), clock.now().plus(backoff(claim.attempts())));
            }
        }
    }

    /** Exponential backoff with "equal jitter": half fixed, half random, so retries of many rows spread out. */
    Duration backoff(int attempts) {
        long base = config.retryBaseDelay().toMillis();
        long capped = Math.min(config.retryMaxDelay().toMillis(), base << Math.min(attempts - 1, 20));
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
