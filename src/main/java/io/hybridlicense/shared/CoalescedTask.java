package io.hybridlicense.shared;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A task run on a thread of its own whenever asked, where the requests made while a run is waiting fold
 * into that run: a burst of wake-ups (commits, notices, polls) causes one claim query, not one each. The
 * outboxes' workers wake this way.
 */
public final class CoalescedTask {

    private final Runnable task;
    private final ExecutorService thread;
    private final AtomicBoolean requested = new AtomicBoolean();

    public CoalescedTask(String threadName, Runnable task) {
        this.task = task;
        this.thread = Executors.newSingleThreadExecutor(r -> new Thread(r, threadName));
    }

    /** Runs the task soon, unless a run is already waiting; nothing once stopped. */
    public void request() {
        if (requested.compareAndSet(false, true)) {
            try {
                thread.execute(this::run);
            } catch (RejectedExecutionException stopped) {
                requested.set(false);
            }
        }
    }

    /** No more runs; a waiting one is dropped, a running one interrupted. */
    public void stop() {
        thread.shutdownNow();
    }

    private void run() {
        requested.set(false);
        task.run();
    }
}
