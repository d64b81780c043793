package io.hybridlicense.schemasync;

import io.hybridlicense.schemasync.api.TableView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Serves {@code Prefer: wait=N}: holds a request until its table reaches a state or N seconds pass.
 * Woken at once by outcomes this server commits; re-reads every {@value #RECHECK_MILLIS} ms as well, so
 * outcomes recorded by another server are seen too.
 */
@ApplicationScoped
class Settlements {

    static final int MAX_WAIT_SECONDS = 30;
    private static final long RECHECK_MILLIS = 200;

    private final TableQueries queries;
    private final Object monitor = new Object();

    Settlements(TableQueries queries) {
        this.queries = queries;
    }

    TableView await(UUID tableId, Duration max, Predicate<TableView> done) {
        long deadline = System.nanoTime() + max.toNanos();
        TableView view = queries.table(tableId).orElseThrow();
        while (!done.test(view)) {
            long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (left <= 0) {
                return view;
            }
            synchronized (monitor) {
                try {
                    monitor.wait(Math.min(left, RECHECK_MILLIS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return view;
                }
            }
            view = queries.table(tableId).orElseThrow();
        }
        return view;
    }

    void onSettled(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChangeQueued event) {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }
}
