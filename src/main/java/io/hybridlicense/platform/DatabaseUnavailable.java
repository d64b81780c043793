package io.hybridlicense.platform;

import io.hybridlicense.shared.Problem;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.io.IOException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;
import javax.transaction.xa.XAException;

/**
 * The core database is out of reach (restarting, failing over) or no pooled connection became free in
 * time: the request is answered 503 with {@code Retry-After}, never 500, so that clients back off and
 * retry, whichever client (JDBC pool, reactive pool) it used. The pools reconnect by themselves once the
 * database is back (application.properties, "Database").
 */
final class DatabaseUnavailable {

    /** Seconds a client should wait before retrying. */
    static final String RETRY_AFTER = "1";
    /** Agroal's message when no connection became free (or could be opened) in time. */
    private static final String ACQUISITION_TIMEOUT = "acquisition timeout";

    private DatabaseUnavailable() {
    }

    /** The answer for a failure that comes from the database being out of reach, or null for any other. */
    static Problem problemFor(Throwable failure, String path) {
        if (isAcquisitionTimeout(failure)) {
            return Problem.of(503, "server-busy", "Service Unavailable", "The server is busy; retry shortly").at(path);
        }
        if (!causedBy(failure)) {
            return null;
        }
        return isCommitInDoubt(failure)
                ? Problem.of(503, "commit-outcome-unknown", "Service Unavailable",
                        "The database went away while committing: the change may have been applied; read it back before retrying").at(path)
                : Problem.of(503, "database-unavailable", "Service Unavailable", "The database is unavailable; retry shortly").at(path);
    }

    /**
     * The connection was lost during COMMIT itself (Agroal reports it as {@code XA_RBCOMMFAIL}): the database
     * may have committed before it went away, so "not done, retry" would be a lie for a change that is not
     * idempotent. PostgreSQL's own answer to that doubt, {@code txid_status}, needs the transaction id kept
     * from before the commit; until then the client is told that the outcome is unknown.
     */
    private static boolean isCommitInDoubt(Throwable failure) {
        return anyCause(failure, cause -> cause instanceof XAException xa && xa.errorCode == XAException.XA_RBCOMMFAIL,
                Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean isAcquisitionTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException && cause.getMessage() != null && cause.getMessage().contains(ACQUISITION_TIMEOUT)) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedBy(Throwable failure) {
        return anyCause(failure, DatabaseUnavailable::isOutOfReach, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /**
     * The causes and what each suppressed: a commit that fails because the connection dropped reports the
     * database's answer only as a suppressed exception of Narayana's RollbackException.
     */
    private static boolean anyCause(Throwable failure, Predicate<Throwable> test, Set<Throwable> seen) {
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (anyCause(suppressed, test, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isOutOfReach(Throwable cause) {
        if (cause instanceof SQLException sql && isUnavailable(sql.getSQLState())) {
            return true;
        }
        if (cause instanceof DatabaseException database && isUnavailable(database.getSqlState())) {
            return true;
        }
        // SocketException: refused, no route, and a connection the database reset (seen from the native binary)
        return cause instanceof SocketException || cause instanceof UnknownHostException || cause instanceof ClosedConnectionException
                || cause instanceof io.netty.channel.ConnectTimeoutException || isChannelFailure(cause);
    }

    /**
     * What the reactive client's channel reports when the database went away under it: a write to a reset
     * connection fails with a plain {@code IOException} ("Connection reset by peer", "Broken pipe"; only
     * the read side is a {@link SocketException}), a write to a closed one with a {@link ClosedChannelException}.
     * IOException's subclasses (files, JSON) are other failures and stay 500.
     */
    private static boolean isChannelFailure(Throwable cause) {
        return cause.getClass() == IOException.class || cause instanceof ClosedChannelException;
    }

    /**
     * SQLSTATE class 08 (connection exception), and the server shutting down or starting up: 57P01
     * admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now.
     */
    private static boolean isUnavailable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P0"));
    }
}
