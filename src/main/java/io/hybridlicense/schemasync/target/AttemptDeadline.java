package io.hybridlicense.schemasync.target;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The limits of an attempt to apply a change: one deadline that opening the connection, reading the
 * catalogue, every statement and recording the outcome all share (each statement gets what is left of
 * it, never more than the statement timeout), and the lease of the claim it runs under. An attempt whose
 * lease is lost, or may have lapsed because no renewal got through in time, is <em>abandoned</em>: its
 * running statement is cancelled, and it runs and commits nothing more, because another server may
 * already be applying the same change.
 */
public final class AttemptDeadline {

    /** The reason of a failure caused by the loss of the attempt's claim. */
    public static final String LEASE_LOST = "lease-lost";
    private static final String LAPSED = "its lease lapsed: no renewal reached the core database in time";

    @FunctionalInterface
    interface StatementWork<T> {
        T run() throws SQLException, ChangeFailure;
    }

    private final long deadlineNanos;
    private final Duration statementTimeout;
    private volatile boolean leased;
    private volatile long leaseEndsNanos;
    private volatile String abandonedBecause;
    private volatile Statement running;

    private AttemptDeadline(long deadlineNanos, Duration statementTimeout) {
        this.deadlineNanos = deadlineNanos;
        this.statementTimeout = statementTimeout;
    }

    public static AttemptDeadline in(Duration budget, Duration statementTimeout) {
        return new AttemptDeadline(System.nanoTime() + budget.toNanos(), statementTimeout);
    }

    /**
     * The claim's lease was granted or renewed by a request sent at {@code sentAtNanos} ({@link System#nanoTime()}):
     * it holds until at least {@code lease} after that, whatever the core database's clock says.
     */
    public void leaseRenewed(long sentAtNanos, Duration lease) {
        leaseEndsNanos = sentAtNanos + lease.toNanos();
        leased = true;
    }

    /**
     * Stops the attempt: the statement it is running is cancelled, and it runs and commits nothing more.
     *
     * @param reason why, for the failure the attempt ends with
     */
    public void abandon(String reason) {
        abandonedBecause = reason;
        Statement statement = running;
        if (statement != null) {
            // not on the caller's thread: reaching the target to cancel may take up to its connect timeout
            CompletableFuture.runAsync(() -> {
                try {
                    statement.cancel();
                } catch (SQLException alreadyOver) {
                    // the statement ended (or its connection did) meanwhile: nothing left to stop
                }
            });
        }
    }

    /** Abandons the attempt if no renewal of its lease got through for a whole lease. */
    public void abandonIfLeaseLapsed() {
        if (leaseLapsed() && abandonedBecause == null) {
            abandon(LAPSED);
        }
    }

    /** Why the attempt was abandoned; null while it was not. */
    public String abandonedBecause() {
        return abandonedBecause;
    }

    /** The deadline passed or the attempt was abandoned: its lease is not to be renewed. */
    public boolean passed() {
        return abandonedBecause != null || remaining().isZero();
    }

    public Duration remaining() {
        long left = deadlineNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** Fails when the attempt may no longer act: abandoned, or its lease may have lapsed. */
    void requireLease() throws ChangeFailure {
        String why = abandonedBecause;
        if (why == null && leaseLapsed()) {
            why = LAPSED;
        }
        if (why != null) {
            throw stopped(why, null);
        }
    }

    /**
     * Runs one statement of the attempt, bounded by what is left of the deadline and cancelled if the
     * attempt is abandoned meanwhile.
     */
    <T> T run(Statement statement, StatementWork<T> work) throws SQLException, ChangeFailure {
        statement.setQueryTimeout(statementSeconds());
        running = statement;
        try {
            requireLease(); // again once the statement is visible: an abandon just before would have cancelled nothing
            return work.run();
        } catch (SQLException failure) {
            if (abandonedBecause != null) {
                throw stopped(abandonedBecause, failure);
            }
            throw failure;
        } finally {
            running = null;
        }
    }

    /** The query timeout of the next statement, in whole seconds (JDBC's unit); none is left: a transient failure. */
    int statementSeconds() throws ChangeFailure {
        requireLease();
        Duration left = remaining();
        if (left.isZero()) {
            throw ChangeFailure.transientFailure("attempt-timeout", "The attempt used up its deadline");
        }
        Duration bound = left.compareTo(statementTimeout) < 0 ? left : statementTimeout;
        return (int) Math.max(1, (bound.toMillis() + 999) / 1000);
    }

    private static ChangeFailure stopped(String why, SQLException cancelled) {
        return ChangeFailure.transientFailure(LEASE_LOST, "The attempt stopped: " + why, cancelled);
    }

    private boolean leaseLapsed() {
        return leased && System.nanoTime() - leaseEndsNanos >= 0;
    }
}
