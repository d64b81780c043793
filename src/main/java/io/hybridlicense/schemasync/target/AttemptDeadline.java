package io.hybridlicense.schemasync.target;

import java.time.Duration;

/**
 * The one deadline of an attempt to apply a change: opening the connection, reading the catalogue,
 * every DDL statement and recording the outcome all share it. Each statement gets what is left of it,
 * but never more than the statement timeout.
 */
public final class AttemptDeadline {

    private final long deadlineNanos;
    private final Duration statementTimeout;

    private AttemptDeadline(long deadlineNanos, Duration statementTimeout) {
        this.deadlineNanos = deadlineNanos;
        this.statementTimeout = statementTimeout;
    }

    public static AttemptDeadline in(Duration budget, Duration statementTimeout) {
        return new AttemptDeadline(System.nanoTime() + budget.toNanos(), statementTimeout);
    }

    public boolean passed() {
        return remaining().isZero();
    }

    public Duration remaining() {
        long left = deadlineNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** The query timeout of the next statement, in whole seconds (JDBC's unit); none is left: a transient failure. */
    int statementSeconds() throws ChangeFailure {
        Duration left = remaining();
        if (left.isZero()) {
            throw ChangeFailure.transientFailure("attempt-timeout", "The attempt used up its deadline");
        }
        Duration bound = left.compareTo(statementTimeout) < 0 ? left : statementTimeout;
        return (int) Math.max(1, (bound.toMillis() + 999) / 1000);
    }
}
