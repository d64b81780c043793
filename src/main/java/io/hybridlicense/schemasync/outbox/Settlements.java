package io.hybridlicense.schemasync.outbox;

import io.hybridlicense.schemasync.SchemaSyncConfig;
import io.hybridlicense.schemasync.api.SchemaSyncApi;
import io.hybridlicense.schemasync.api.TableView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * Serves {@code Prefer: wait=N} without holding a thread: the answer is a stage that completes once the
 * table reaches a state or N seconds pass. Woken at once by outcomes this server commits and, through
 * {@link NoticeListener}, by those other servers commit; re-reads every {@code wait-recheck-interval} as
 * well, so an outcome whose notice was lost is seen all the same.
 *
 * <p>No wake-up is lost: a waiter subscribes to its table's next signal <em>before</em> it reads the
 * table, so a settlement committed between the read and the wait has already completed that signal.
 */
@ApplicationScoped
public class Settlements {

    public static final int MAX_WAIT_SECONDS = 30;

    /** One table's next settlement; replaced once it fires, dropped once nobody waits for it. */
    private static final class Signal {
        final CompletableFuture<Void> fired = new CompletableFuture<>();
        volatile int waiters; // changed only inside the map's compute for this table, which serialises it
    }

    private final ConcurrentHashMap<UUID, Signal> signals = new ConcurrentHashMap<>();
    private final SchemaSyncApi queries;
    private final ManagedExecutor executor;
    private final BeforeWaitHook hook;
    private final long recheckNanos;

    Settlements(SchemaSyncApi queries, ManagedExecutor executor, BeforeWaitHook hook, SchemaSyncConfig config) {
        this.queries = queries;
        this.executor = executor;
        this.hook = hook;
        this.recheckNanos = config.waitRecheckInterval().toNanos();
    }

    /** The table once {@code done} holds, or as it is after {@code max}; reads run on worker threads, waits on none. */
    public CompletionStage<TableView> await(UUID tableId, Duration max, Predicate<TableView> done) {
        return check(tableId, System.nanoTime() + max.toNanos(), done);
    }

    /** How many requests wait right now. */
    int waiting() {
        return signals.values().stream().mapToInt(signal -> signal.waiters).sum();
    }

    private CompletableFuture<TableView> check(UUID tableId, long deadline, Predicate<TableView> done) {
        Signal signal = subscribe(tableId);
        try {
            TableView view = queries.table(tableId).orElseThrow();
            long left = deadline - System.nanoTime();
            if (done.test(view) || left <= 0) {
                unsubscribe(tableId, signal);
                return CompletableFuture.completedFuture(view);
            }
            hook.beforeWait(view);
            return signal.fired.copy().completeOnTimeout(null, Math.min(left, recheckNanos), TimeUnit.NANOSECONDS)
                    .thenComposeAsync(woken -> {
                        unsubscribe(tableId, signal);
                        return check(tableId, deadline, done);
                    }, executor);
        } catch (RuntimeException e) {
            unsubscribe(tableId, signal);
            return CompletableFuture.failedFuture(e);
        }
    }

    private Signal subscribe(UUID tableId) {
        return signals.compute(tableId, (id, current) -> {
            Signal signal = current == null ? new Signal() : current;
            signal.waiters++;
            return signal;
        });
    }

    private void unsubscribe(UUID tableId, Signal signal) {
        signals.computeIfPresent(tableId, (id, current) -> current == signal && --current.waiters == 0 ? null : current);
    }

    void onSettled(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChangeSettled event) {
        wake(event.tableId());
    }

    /** Wakes the requests waiting on a table: one of its changes has just been settled. */
    void wake(UUID tableId) {
        Signal signal = signals.remove(tableId);
        if (signal != null) {
            signal.fired.complete(null);
        }
    }
}
