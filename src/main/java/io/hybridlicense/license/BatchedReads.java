package io.hybridlicense.license;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Rows of {@code license.licenses} read by id on the reactive client, never from a cache, so that a
 * suspension shows in the very next request on every instance. Reads that arrive on one event loop while
 * its previous query is still out are sent together as one query ({@code id = ANY($1)}): every read is
 * still sent after its request arrived, but the database parses, plans and answers one statement for
 * many requests, which is what lets validation and heartbeats run at the speed of the HTTP layer
 * (docs/PERFORMANCE.md). Each read is bounded ({@code hl.license.validation.read-timeout}): one that does
 * not answer in time (a lock held by a migration, a half-open connection) fails its requests, and those
 * queued behind it, with 503 and {@code Retry-After}; its query is cancelled and its connection closed,
 * so that neither the event loop's next reads nor the pool wait for it.
 *
 * @param <T> what a row is read as
 */
public final class BatchedReads<T> {

    /** Why a read failed when it did not answer in time. */
    public static final class ReadTimedOut extends ProblemException {
        ReadTimedOut(long retryAfterSeconds) {
            super(Problem.of(503, "server-busy", "Service Unavailable",
                    "The license database did not answer in time; retry shortly"),
                    Map.of("Retry-After", Long.toString(retryAfterSeconds)));
        }
    }

    private record Waiting(UUID id, Promise<Object> answer) {
    }

    private static final Logger LOG = Logger.getLogger(BatchedReads.class);

    private final Pool pool;
    private final Vertx vertx;
    private final String select;
    private final Function<Row, T> reader;
    private final int batchSize;
    private final int queriesInFlight;
    private final long readTimeoutMillis;
    private final long retryAfterSeconds;
    /** One batch per event-loop thread: touched only by its own thread, so it needs no locking. */
    private final ThreadLocal<Batch> batches = ThreadLocal.withInitial(Batch::new);
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();

    /**
     * @param select a query with one parameter, the ids ({@code WHERE l.id = ANY($1)}), whose first column is the id
     * @param reader reads one row
     */
    public BatchedReads(Pool pool, Vertx vertx, LicenseConfig.Validation settings, String select, Function<Row, T> reader) {
        this.pool = pool;
        this.vertx = vertx;
        this.select = select;
        this.reader = reader;
        this.batchSize = Math.max(1, settings.batchSize());
        this.queriesInFlight = Math.max(1, settings.queriesInFlight());
        this.readTimeoutMillis = Math.max(1, settings.readTimeout().toMillis());
        this.retryAfterSeconds = Math.max(1, (readTimeoutMillis + 999) / 1000);
    }

    /** The row, or {@code null} when there is none. */
    public Future<T> find(UUID id) {
        Context context = Vertx.currentContext();
        if (context == null || !Context.isOnEventLoopThread()) {
            return read(List.of(id)).map(rows -> rows.get(id));
        }
        return batches.get().add(id, context);
    }

    /** Queries sent so far (tests: proof of batching). */
    public long queriesSent() {
        return queries.get();
    }

    /** Reads that did not answer in time (tests). */
    public long readsTimedOut() {
        return timedOut.get();
    }

    private Future<Map<UUID, T>> read(List<UUID> ids) {
        queries.incrementAndGet();
        return new BoundedRead().run(Tuple.of(ids.toArray(UUID[]::new)));
    }

    private Map<UUID, T> byId(RowSet<Row> rows) {
        Map<UUID, T> read = new HashMap<>(rows.size() * 2);
        for (Row row : rows) {
            read.put(row.getUUID(0), reader.apply(row));
        }
        return read;
    }

    /** One read on a connection of its own, so that a read that overruns can be cancelled and its connection closed. */
    private final class BoundedRead {

        private final Promise<Map<UUID, T>> answer = Promise.promise();
        private volatile SqlConnection connection;

        Future<Map<UUID, T>> run(Tuple ids) {
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
                connection.preparedQuery(select).execute(ids).onComplete(result -> {
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
            LOG.warnf("A license read took more than %d ms: its requests were answered 503%s", readTimeoutMillis,
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

    private final class Batch {

        private final Thread owner = Thread.currentThread();
        private List<Waiting> waiting = new ArrayList<>();
        private boolean flushScheduled;
        private int inFlight;

        @SuppressWarnings("unchecked")
        Future<T> add(UUID id, Context context) {
            Promise<Object> answer = Promise.promise();
            waiting.add(new Waiting(id, answer));
            if (!flushScheduled && inFlight < queriesInFlight) {
                // after the other requests this event-loop turn has read, so that they join this query
                flushScheduled = true;
                context.runOnContext(ignored -> {
                    flushScheduled = false;
                    flush(context);
                });
            }
            return (Future<T>) answer.future();
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

        private void answer(List<Waiting> sent, AsyncResult<Map<UUID, T>> result, Context context) {
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
