package io.hybridlicense.license.validation;

import io.hybridlicense.license.LicenseConfig;
import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.impl.SocketConnectionBase;
import io.vertx.sqlclient.impl.SqlConnectionInternal;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The current state of licenses, read for validation on the reactive client, never from a cache, so
 * that a suspension shows in the very next validation on every instance. Reads that arrive on one
 * event loop while its previous query is still out are sent together as one query
 * ({@code id = ANY($1)}): every read is still sent after its request arrived, but the database parses,
 * plans and answers one statement for many validations, which is what lets validation run at the
 * speed of the HTTP layer (measured in docs/PERFORMANCE.md). Each read is bounded
 * ({@code hl.license.validation.read-timeout}): one that does not answer in time (a lock held by a
 * migration, a half-open connection) fails its validations, and those queued behind it, with 503 and
 * {@code Retry-After}; its query is cancelled and its connection closed, so that neither the event loop's
 * next reads nor the pool wait for it.
 */
@ApplicationScoped
class CurrentLicenses {

    /**
     * With each license, its policy's id and current version (the policy itself comes from
     * {@link io.hybridlicense.license.policy.PolicyCache}) and the entitlements granted to it alone.
     */
    private static final String SELECT = """
            SELECT l.id, l.client_id, l.status, l.expires_at, pl.policy_id, po.version,
                   ARRAY(SELECT e.code FROM license.license_entitlements e WHERE e.license_id = l.id) AS granted,
                   l.heartbeat_deadline <= now() AS heartbeat_dead
            FROM license.licenses l
            LEFT JOIN license.subscriptions s ON s.user_id = l.user_id
            LEFT JOIN license.plans pl ON pl.code = s.plan
            LEFT JOIN license.policies po ON po.id = pl.policy_id
            WHERE l.id = ANY($1)""";
    private static final String[] NONE = new String[0];
    private static final Map<String, LicenseStatus> STATUSES = new HashMap<>();
    private static final Logger LOG = Logger.getLogger(CurrentLicenses.class);

    static {
        for (LicenseStatus status : LicenseStatus.values()) {
            STATUSES.put(status.wireName(), status);
        }
    }

    /** What validation needs of a license row; {@code policyId} is null for an owner without a subscription. */
    /** @param heartbeatDead past its heartbeat deadline on the database's clock (heartbeat's column, in the same row) */
    record State(UUID id, String clientId, LicenseStatus status, Instant expiresAt, UUID policyId, long policyVersion,
                 List<String> granted, boolean heartbeatDead) {
    }

    private record Waiting(UUID id, Promise<State> answer) {
    }

    /** Why a read failed when it did not answer in time. */
    static final class ReadTimedOut extends ProblemException {
        ReadTimedOut(long retryAfterSeconds) {
            super(Problem.of(503, "server-busy", "Service Unavailable",
                    "The license database did not answer in time; retry shortly"),
                    Map.of("Retry-After", Long.toString(retryAfterSeconds)));
        }
    }

    private final Pool pool;
    private final Vertx vertx;
    private final int batchSize;
    private final int queriesInFlight;
    private final long readTimeoutMillis;
    private final long retryAfterSeconds;
    /** One batch per event-loop thread: touched only by its own thread, so it needs no locking. */
    private final ThreadLocal<Batch> batches = ThreadLocal.withInitial(Batch::new);
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();

    CurrentLicenses(Pool pool, Vertx vertx, LicenseConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.batchSize = Math.max(1, config.validation().batchSize());
        this.queriesInFlight = Math.max(1, config.validation().queriesInFlight());
        this.readTimeoutMillis = Math.max(1, config.validation().readTimeout().toMillis());
        this.retryAfterSeconds = Math.max(1, (readTimeoutMillis + 999) / 1000);
    }

    /** The license's current row, or {@code null} when there is none. */
    Future<State> find(UUID licenseId) {
        Context context = Vertx.currentContext();
        if (context == null || !Context.isOnEventLoopThread()) {
            return read(List.of(licenseId)).map(rows -> rows.get(licenseId));
        }
        return batches.get().add(licenseId, context);
    }

    /** Queries sent so far (tests: proof of batching). */
    long queriesSent() {
        return queries.get();
    }

    /** Reads that did not answer in time (tests). */
    long readsTimedOut() {
        return timedOut.get();
    }

    private Future<Map<UUID, State>> read(List<UUID> ids) {
        queries.incrementAndGet();
        return new BoundedRead().run(Tuple.of(ids.toArray(UUID[]::new)));
    }

    /** One read on a connection of its own, so that a read that overruns can be cancelled and its connection closed. */
    private final class BoundedRead {

        private final Promise<Map<UUID, State>> answer = Promise.promise();
        private volatile SqlConnection connection;

        Future<Map<UUID, State>> run(Tuple ids) {
            long timer = vertx.setTimer(readTimeoutMillis, ignored -> timeOut());
            pool.getConnection().onComplete(acquired -> {
                if (acquired.failed()) {
                    vertx.cancelTimer(timer);
                    answer.tryFail(acquired.cause());
                    return;
                }
                connection = acquired.result();
                if (answer.future().isComplete()) {
                    connection.close(); // timed out while waiting for it: never used
                    return;
                }
                connection.preparedQuery(SELECT).execute(ids).onComplete(result -> {
                    vertx.cancelTimer(timer);
                    if (result.succeeded() ? answer.tryComplete(byId(result.result())) : answer.tryFail(result.cause())) {
                        connection.close();
                    }
                });
            });
            return answer.future();
        }

        private void timeOut() {
            if (!answer.tryFail(new ReadTimedOut(retryAfterSeconds))) {
                return;
            }
            timedOut.incrementAndGet();
            SqlConnection stuck = connection;
            LOG.warnf("A license read took more than %d ms: its validations were answered 503%s", readTimeoutMillis,
                    stuck == null ? " (no connection was free)" : "; its query is cancelled and its connection closed");
            if (stuck != null) {
                // the cancel ends the query in the database (a lock wait would outlive the socket there);
                // closing the socket frees the pool of a connection that may be half-open
                PgConnection.cast(stuck).cancelRequest().onComplete(ignored -> closeSocket(stuck));
            }
        }
    }

    private static void closeSocket(SqlConnection connection) {
        if (connection instanceof SqlConnectionInternal internal
                && internal.unwrap().unwrap() instanceof SocketConnectionBase socket) {
            socket.socket().close(); // the pool drops a connection whose socket closed
        } else {
            connection.close();
        }
    }

    private static Map<UUID, State> byId(RowSet<Row> rows) {
        Map<UUID, State> states = new HashMap<>(rows.size() * 2);
        for (Row row : rows) {
            UUID id = row.getUUID(0);
            Long policyVersion = row.getLong(5);
            String[] granted = row.getArrayOfStrings(6);
            states.put(id, new State(id, row.getString(1), STATUSES.get(row.getString(2)),
                    row.getOffsetDateTime(3).toInstant(), row.getUUID(4), policyVersion == null ? 0 : policyVersion,
                    List.of(granted == null ? NONE : granted), Boolean.TRUE.equals(row.getBoolean(7))));
        }
        return states;
    }

    private final class Batch {

        private final Thread owner = Thread.currentThread();
        private List<Waiting> waiting = new ArrayList<>();
        private boolean flushScheduled;
        private int inFlight;

        Future<State> add(UUID licenseId, Context context) {
            Promise<State> answer = Promise.promise();
            waiting.add(new Waiting(licenseId, answer));
            if (!flushScheduled && inFlight < queriesInFlight) {
                // after the other requests this event-loop turn has read, so that they join this query
                flushScheduled = true;
                context.runOnContext(ignored -> {
                    flushScheduled = false;
                    flush(context);
                });
            }
            return answer.future();
        }

        private void flush(Context context) {
            while (!waiting.isEmpty() && inFlight < queriesInFlight) {
                List<Waiting> sent = take();
                List<UUID> ids = new ArrayList<>(sent.size());
                for (Waiting one : sent) {
                    ids.add(one.id());
                }
                inFlight++;
                read(ids).onComplete(result -> {
                    if (Thread.currentThread() == owner) {
                        answer(sent, result, context);
                    } else {
                        context.runOnContext(ignored -> answer(sent, result, context));
                    }
                });
            }
        }

        private void answer(List<Waiting> sent, AsyncResult<Map<UUID, State>> result, Context context) {
            inFlight--;
            for (Waiting one : sent) {
                if (result.succeeded()) {
                    one.answer().complete(result.result().get(one.id()));
                } else {
                    one.answer().fail(result.cause());
                }
            }
            if (result.failed() && result.cause() instanceof ReadTimedOut) {
                // held behind the read that did not answer: as late as it, and the database as unlikely to answer
                List<Waiting> held = waiting;
                waiting = new ArrayList<>();
                held.forEach(one -> one.answer().fail(result.cause()));
            }
            flush(context);
        }

        private List<Waiting> take() {
            if (waiting.size() <= batchSize) {
                List<Waiting> all = waiting;
                waiting = new ArrayList<>();
                return all;
            }
            List<Waiting> first = new ArrayList<>(waiting.subList(0, batchSize));
            waiting.subList(0, batchSize).clear();
            return first;
        }
    }
}
