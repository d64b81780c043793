package io.hybridlicense.license.heartbeat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Coalesces pings: a ping whose license's stored deadline is far off ({@code sync-margin}) is only noted
 * in memory, one entry per license (its latest ping), and written with the others every
 * {@code flush-every}, {@value #ROWS_PER_STATEMENT} rows a statement. At most {@code pending-limit}
 * licenses wait; past that a ping is written before its answer, never dropped. An entry leaves memory only
 * once written (a failed write is tried again at the next flush), and everything waiting is written at
 * shutdown. So a ping is lost only when the instance dies without shutting down, and then only a ping
 * that arrived at least {@code sync-margin} before its license's stored deadline (docs/auth-and-license.md).
 */
@ApplicationScoped
class HeartbeatRecorder {

    static final int ROWS_PER_STATEMENT = 5000;
    private static final Logger LOG = Logger.getLogger(HeartbeatRecorder.class);

    private final Map<UUID, Instant> pending = new ConcurrentHashMap<>();
    private final Machines machines;
    private final int limit;
    private final Duration timeout;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong synchronous = new AtomicLong();

    HeartbeatRecorder(Machines machines, HeartbeatConfig config, MeterRegistry registry) {
        this.machines = machines;
        this.limit = config.pendingLimit();
        this.timeout = config.writeTimeout();
        Gauge.builder("hl.license.heartbeats.pending", pending, Map::size)
                .description("Licenses whose latest ping waits in memory to be written").register(registry);
        FunctionCounter.builder("hl.license.heartbeats.written", written, AtomicLong::get)
                .description("Pings written to license.licenses in batches").register(registry);
        FunctionCounter.builder("hl.license.heartbeats.statements", statements, AtomicLong::get)
                .description("Statements writing pings (batches and pings written before their answer)").register(registry);
        FunctionCounter.builder("hl.license.heartbeats.synchronous", synchronous, AtomicLong::get)
                .description("Pings written before their answer (near or past their deadline, or memory full)")
                .register(registry);
    }

    /** Keeps the ping for the next batch; {@code false} when memory is full (write it now instead). */
    boolean note(UUID licenseId, Instant at) {
        if (pending.size() >= limit && !pending.containsKey(licenseId)) {
            return false;
        }
        pending.merge(licenseId, at, (old, fresh) -> fresh.isAfter(old) ? fresh : old);
        return true;
    }

    /**
     * Writes one ping now (at the database's {@code now()}), bounded by {@code write-timeout}.
     *
     * @return {@code false} when the license is no longer live, so the ping wrote nothing
     */
    boolean writeNow(UUID licenseId) throws SQLException {
        synchronous.incrementAndGet();
        statements.incrementAndGet();
        pending.remove(licenseId); // this write is later than what waits
        return machines.record(new UUID[]{licenseId}, new Instant[]{null}, timeout) == 1;
    }

    /** Statements and rows written so far (tests, bench). */
    long statementsSent() {
        return statements.get();
    }

    /** Pings written before their answer so far (tests). */
    long synchronousCount() {
        return synchronous.get();
    }

    int pendingCount() {
        return pending.size();
    }

    @Scheduled(every = "${hl.license.heartbeat.flush-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        flush();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        flush();
    }

    /** Writes everything waiting; what fails stays for the next flush. */
    synchronized void flush() {
        List<Map.Entry<UUID, Instant>> all = new ArrayList<>(pending.entrySet());
        all.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
            List<Map.Entry<UUID, Instant>> slice = all.subList(from, Math.min(all.size(), from + ROWS_PER_STATEMENT));
            UUID[] ids = new UUID[slice.size()];
            Instant[] times = new Instant[slice.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = slice.get(i).getKey();
                times[i] = slice.get(i).getValue();
            }
            try {
                statements.incrementAndGet();
                machines.record(ids, times, timeout);
            } catch (SQLException e) {
                LOG.warnf("Could not write %d pings (%s); trying again at the next flush", ids.length, e.getMessage());
                return;
            }
            // a ping that arrived meanwhile for the same license stays for the next flush
            slice.forEach(entry -> pending.remove(entry.getKey(), entry.getValue()));
            written.addAndGet(ids.length);
        }
    }
}
