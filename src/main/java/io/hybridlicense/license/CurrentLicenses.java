package io.hybridlicense.license;

import io.hybridlicense.license.api.LicenseStatus;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The current state of licenses, read for validation on the reactive client, never from a cache, so
 * that a suspension shows in the very next validation on every instance. Reads that arrive on one
 * event loop while its previous query is still out are sent together as one query
 * ({@code id = ANY($1)}): every read is still sent after its request arrived, but the database parses,
 * plans and answers one statement for many validations, which is what lets validation run at the
 * speed of the HTTP layer (measured in docs/PERFORMANCE.md).
 */
@ApplicationScoped
class CurrentLicenses {

    private static final String SELECT =
            "SELECT id, client_id, status, expires_at FROM license.licenses WHERE id = ANY($1)";
    private static final Map<String, LicenseStatus> STATUSES = new HashMap<>();

    static {
        for (LicenseStatus status : LicenseStatus.values()) {
            STATUSES.put(status.wireName(), status);
        }
    }

    /** What validation needs of a license row. */
    record State(UUID id, String clientId, LicenseStatus status, Instant expiresAt) {
    }

    private record Waiting(UUID id, Promise<State> answer) {
    }

    private final Pool pool;
    private final int batchSize;
    private final int queriesInFlight;
    /** One batch per event-loop thread: touched only by its own thread, so it needs no locking. */
    private final ThreadLocal<Batch> batches = ThreadLocal.withInitial(Batch::new);
    private final AtomicLong queries = new AtomicLong();

    CurrentLicenses(Pool pool, LicenseConfig config) {
        this.pool = pool;
        this.batchSize = Math.max(1, config.validation().batchSize());
        this.queriesInFlight = Math.max(1, config.validation().queriesInFlight());
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

    private Future<Map<UUID, State>> read(List<UUID> ids) {
        queries.incrementAndGet();
        return pool.preparedQuery(SELECT).execute(Tuple.of(ids.toArray(UUID[]::new))).map(CurrentLicenses::byId);
    }

    private static Map<UUID, State> byId(RowSet<Row> rows) {
        Map<UUID, State> states = new HashMap<>(rows.size() * 2);
        for (Row row : rows) {
            UUID id = row.getUUID(0);
            states.put(id, new State(id, row.getString(1), STATUSES.get(row.getString(2)),
                    row.getOffsetDateTime(3).toInstant()));
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
