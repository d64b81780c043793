package io.hybridlicense.schemasync.outbox;

import io.hybridlicense.schemasync.SchemaSyncConfig;
import io.hybridlicense.schemasync.datasource.DataSourceRecord;
import io.hybridlicense.schemasync.datasource.DataSources;
import io.hybridlicense.schemasync.datasource.Targets;
import io.hybridlicense.schemasync.domain.Table;
import io.hybridlicense.schemasync.eventstore.EventStore;
import io.hybridlicense.schemasync.eventstore.Outbox;
import io.hybridlicense.schemasync.target.AttemptDeadline;
import io.hybridlicense.schemasync.target.ChangeApplier;
import io.hybridlicense.schemasync.target.ChangeFailure;
import io.hybridlicense.schemasync.target.TargetSpec;
import io.hybridlicense.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Runs one claimed outbox row against the user's database, outside any transaction of ours (the DDL
 * may take seconds), then records the outcome: confirmed, rejected, or retried later with backoff.
 * Retries are bounded twice: by {@code max-attempts} and by {@code max-age} since the request.
 */
@ApplicationScoped
class ApplyQueuedChange {

    private static final Logger LOG = Logger.getLogger(ApplyQueuedChange.class);
    static final String RETRY_LIMIT_REACHED = "retry-limit-reached";
    /** Why an attempt is stopped when this server releases its claim on shutdown. */
    static final String RELEASED_AT_SHUTDOWN = "this server released the claim at shutdown";

    private final DataSources dataSources;
    private final EventStore events;
    private final Targets targets;
    private final SettleChange settle;
    private final Outbox outbox;
    private final AfterDdlHook hook;
    private final SchemaSyncConfig config;

    ApplyQueuedChange(DataSources dataSources, EventStore events, Targets targets, SettleChange settle, Outbox outbox,
                      AfterDdlHook hook, SchemaSyncConfig config) {
        this.dataSources = dataSources;
        this.events = events;
        this.targets = targets;
        this.settle = settle;
        this.outbox = outbox;
        this.hook = hook;
        this.config = config;
    }

    /** The one deadline of an attempt starting now. */
    AttemptDeadline newDeadline() {
        return AttemptDeadline.in(config.attemptTimeout(), config.statementTimeout());
    }

    void run(Outbox.Claim claim, AttemptDeadline deadline) {
        try {
            attempt(claim, deadline);
        } catch (RuntimeException failure) {
            // our own side failed (core database, a bug): record it, and retry within the same bounds
            LOG.errorf(failure, "Change %d of %s failed in this server (attempt %d)", claim.changeVersion(),
                    claim.streamId(), claim.attempts());
            failed(claim, deadline, ChangeFailure.transientFailure("internal-error", "internal-error: " + failure));
        }
    }

    private void attempt(Outbox.Claim claim, AttemptDeadline deadline) {
        DataSourceRecord ds = dataSources.findCached(claim.datasourceId()).orElseThrow();
        Table table = Table.replay(claim.streamId(), ds.dialect(),
                events.load(claim.streamId()).stream().map(EventStore.Stored::event).toList());
        if (!table.pendingChanges().containsKey(claim.changeVersion())) {
            // settled by an earlier run; this only closes the outbox row
            recorded(settle.confirm(claim, true), claim, deadline);
            return;
        }
        if (claim.attempts() > config.maxAttempts() || claim.age().compareTo(config.maxAge()) > 0) {
            giveUp(claim, deadline, ds, table);
            return;
        }
        try {
            TargetSpec target = targets.spec(ds);
            boolean alreadyApplied = targets.applier().apply(target, table.pendingChange(claim.changeVersion()),
                    new ChangeApplier.Context(table.confirmedShape(), claim.attempts() > 1, deadline));
            hook.afterDdl(claim.streamId(), claim.changeVersion());
            recorded(settle.confirm(claim, alreadyApplied), claim, deadline);
        } catch (ProblemException refused) {
            // this server refuses the target (allowlist, SQLite path, its own database): permanent, says why
            failed(claim, deadline, ChangeFailure.of(refused));
        } catch (ChangeFailure failure) {
            failed(claim, deadline, failure);
        }
    }

    /**
     * Past its limits, a change is rejected without another run; but only after a look at the catalogue
     * under the table lock: the claims that went past the limit without a recorded failure were lost (a
     * crash, a lapsed lease), and such an attempt may have applied the change, or still be applying it.
     */
    private void giveUp(Outbox.Claim claim, AttemptDeadline deadline, DataSourceRecord ds, Table table) {
        try {
            if (targets.applier().isApplied(targets.spec(ds), table.pendingChange(claim.changeVersion()),
                    new ChangeApplier.Context(table.confirmedShape(), true, deadline))) {
                recorded(settle.confirm(claim, true), claim, deadline);
                return;
            }
        } catch (ChangeFailure | ProblemException unknown) {
            if (unknown instanceof ChangeFailure busy && ChangeFailure.TARGET_BUSY.equals(busy.reason())) {
                // an earlier attempt still runs on the database: decide once it has ended there
                recorded(outbox.retryLater(claim, busy.getMessage(), backoff(claim.attempts())), claim, deadline);
                return;
            }
            LOG.debugf(unknown, "Change %d of %s: the database cannot say whether it is applied", claim.changeVersion(),
                    claim.streamId());
        }
        recorded(settle.reject(claim, RETRY_LIMIT_REACHED, "Gave up after " + (claim.attempts() - 1) + " attempts over "
                + claim.age().toSeconds() + " s; last error: " + outbox.currentError(claim.streamId()).orElse("none")),
                claim, deadline);
    }

    private void failed(Outbox.Claim claim, AttemptDeadline deadline, ChangeFailure failure) {
        if (deadline.abandonedBecause() != null) {
            // nothing to judge: the attempt was stopped because the claim is (or may be) another server's
            recorded(outbox.retryLater(claim, failure.getMessage(), Duration.ZERO), claim, deadline);
        } else if (failure.permanent()) {
            LOG.warnf(failure, "Change %d of %s rejected: %s", claim.changeVersion(), claim.streamId(), failure.reason());
            recorded(settle.reject(claim, failure.reason(), failure.getMessage()), claim, deadline);
        } else if (claim.attempts() >= config.maxAttempts()) {
            LOG.warnf(failure, "Change %d of %s failed %d times, giving up", claim.changeVersion(), claim.streamId(),
                    claim.attempts());
            recorded(settle.reject(claim, RETRY_LIMIT_REACHED, failure.getMessage()), claim, deadline);
        } else {
            LOG.infof(failure, "Change %d of %s failed (attempt %d), retrying: %s", claim.changeVersion(), claim.streamId(),
                    claim.attempts(), failure.getMessage());
            recorded(outbox.retryLater(claim, failure.getMessage(), backoff(claim.attempts())), claim, deadline);
        }
    }

    /**
     * The one place that reports a lost lease: the conditional write of the outcome found the claim
     * gone. A claim this server released itself (at shutdown) is no news; any other loss is.
     */
    private static void recorded(boolean recorded, Outbox.Claim claim, AttemptDeadline deadline) {
        if (recorded) {
            return;
        }
        if (RELEASED_AT_SHUTDOWN.equals(deadline.abandonedBecause())) {
            LOG.infof("Change %d of %s was released at shutdown while being applied; another server records its outcome",
                    claim.changeVersion(), claim.streamId());
        } else {
            LOG.warnf("Lost the lease of change %d of %s (attempt %d) while applying it; its outcome is not recorded here, "
                    + "the server holding the claim now applies it", claim.changeVersion(), claim.streamId(), claim.attempts());
        }
    }

    /** Exponential backoff with "equal jitter": half fixed, half random, so retries of many rows spread out. */
    Duration backoff(int attempts) {
        long base = config.retryBaseDelay().toMillis();
        long capped = Math.min(config.retryMaxDelay().toMillis(), base << Math.min(attempts - 1, 20));
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
