package io.hybridlicense.license.validation;

import io.hybridlicense.license.LicenseConfig;
import io.hybridlicense.shared.Clock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Keeps validation off the database's write path: a validation only notes the license's id and time in
 * memory, one entry per license ({@link PendingValidationTimes}), at most
 * {@code hl.license.validation.record-limit} licenses; past that, new licenses' times are dropped
 * (counted and logged: a lost refresh of an informational time, where the alternative is memory that grows
 * with the fleet). Once per interval ({@code hl.license.validation.record-every}) the pending licenses
 * become due, and a job writes them every second, spread over the next interval in slices sized to the
 * backlog, {@value #ROWS_PER_STATEMENT} rows a statement, on the JDBC pool rather than the validation's
 * reactive one: writing them all at once put a spike into validation's latency tail (measured, see
 * docs/PERFORMANCE.md). Rows locked by someone else are skipped rather than waited for (a status change in
 * progress, a batch of them: no lock waits, no deadlock). The optimistic-lock version is not touched. A
 * crash loses at most two intervals of these times.
 */
@ApplicationScoped
class ValidationRecorder {

    private static final Logger LOG = Logger.getLogger(ValidationRecorder.class);
    private static final String UPDATE = """
            UPDATE license.licenses l SET last_validated_at = v.at
            FROM unnest(?::uuid[], ?::timestamptz[]) AS v(id, at)
            WHERE l.id = v.id AND (l.last_validated_at IS NULL OR l.last_validated_at < v.at)
              AND l.id IN (SELECT id FROM license.licenses WHERE id = ANY(?::uuid[]) FOR UPDATE SKIP LOCKED)""";
    static final int ROWS_PER_STATEMENT = 5000;
    private static final Duration TICK = Duration.ofSeconds(1);
    /** A write that takes longer (the table locked by a migration) gives way and is tried again next tick. */
    private static final int WRITE_TIMEOUT_SECONDS = 10;

    private final PendingValidationTimes pending;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Timer writes;

    /** The writer's round, under this object's lock. */
    private PendingValidationTimes.Table due = new PendingValidationTimes.Table();
    private int cursor;
    private int dueLeft;
    private int perTick = 1;
    private Instant nextRound;
    private long droppedReported;

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration every;
    private final int limit;

    @Inject
    ValidationRecorder(DataSource dataSource, Clock clock, LicenseConfig config, MeterRegistry registry) {
        this(dataSource, clock, config.validation().recordEvery(), config.validation().recordLimit(), registry);
    }

    ValidationRecorder(DataSource dataSource, Clock clock, Duration every, int limit, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.every = every;
        this.limit = limit;
        this.pending = new PendingValidationTimes(limit);
        Gauge.builder("hl.license.validation.times.pending", pending, PendingValidationTimes::size)
                .description("Licenses whose last validation time is waiting to be written").register(registry);
        FunctionCounter.builder("hl.license.validation.times.dropped", dropped, AtomicLong::get)
                .description("Validation times not kept: more licenses pending than hl.license.validation.record-limit")
                .register(registry);
        FunctionCounter.builder("hl.license.validation.times.written", written, AtomicLong::get)
                .description("Validation times written to license.licenses").register(registry);
        this.writes = Timer.builder("hl.license.validation.times.writes")
                .description("Statements writing validation times (up to " + ROWS_PER_STATEMENT + " rows each)")
                .register(registry);
    }

    void noteValidated(UUID licenseId) {
        if (!pending.note(licenseId, clock.now().toEpochMilli())) {
            dropped.incrementAndGet();
        }
    }

    /** Licenses pending, due ones included (tests). */
    int pendingCount() {
        return pending.size();
    }

    /** Validation times dropped so far (tests). */
    long droppedCount() {
        return dropped.get();
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        recordSlice(false);
    }

    /** Writes the next slice; {@code newRound}: the licenses noted so far become due now (tests). */
    synchronized void recordSlice(boolean newRound) {
        Instant now = clock.now();
        if (newRound || nextRound == null || !now.isBefore(nextRound)) {
            nextRound = now.plus(every);
            startRound();
        }
        write(perTick);
    }

    /** Writes everything noted so far at once (tests, and callers that cannot wait an interval). */
    synchronized void recordValidations() {
        startRound();
        write(Integer.MAX_VALUE);
    }

    private void startRound() {
        PendingValidationTimes.Table next = pending.take();
        // what the last round could not write joins this one, one entry per license
        pending.release(due.moveInto(next, cursor));
        due = next;
        cursor = 0;
        dueLeft = due.size();
        long ticks = Math.max(1, every.toMillis() / TICK.toMillis());
        perTick = (int) Math.max(1, (dueLeft + ticks - 1) / ticks);
        long droppedNow = dropped.get();
        if (droppedNow > droppedReported) {
            LOG.warnf("%d validation times were not kept: more than %d licenses were waiting to be written"
                    + " (hl.license.validation.record-limit)", droppedNow - droppedReported, limit);
            droppedReported = droppedNow;
        }
    }

    private void write(int rows) {
        int left = rows;
        while (left > 0 && dueLeft > 0) {
            int count = Math.min(Math.min(left, ROWS_PER_STATEMENT), dueLeft);
            UUID[] ids = new UUID[count];
            OffsetDateTime[] times = new OffsetDateTime[count];
            int slot = cursor;
            for (int i = 0; i < count; i++) {
                slot = due.next(slot);
                ids[i] = due.id(slot);
                times[i] = OffsetDateTime.ofInstant(Instant.ofEpochMilli(due.at(slot)), ZoneOffset.UTC);
                slot++;
            }
            if (!update(ids, times)) {
                return; // tried again next tick
            }
            cursor = slot;
            dueLeft -= count;
            left -= count;
            pending.release(count);
            written.addAndGet(count);
        }
        if (dueLeft == 0 && due.size() > 0) {
            // a written round's table (48 MiB at a million licenses) is not kept until the next round
            due = new PendingValidationTimes.Table();
            cursor = 0;
        }
    }

    /** Slots of the table being written (tests: a written round's memory is let go). */
    synchronized int dueSlots() {
        return due.slots();
    }

    private boolean update(UUID[] ids, OffsetDateTime[] times) {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(UPDATE)) {
            update.setQueryTimeout(WRITE_TIMEOUT_SECONDS);
            update.setArray(1, connection.createArrayOf("uuid", ids));
            update.setArray(2, connection.createArrayOf("timestamptz", times));
            update.setArray(3, connection.createArrayOf("uuid", ids));
            update.executeUpdate();
            return true;
        } catch (SQLException e) {
            LOG.warnf("Could not record %d validation times (%s); trying again in a second", ids.length, e.getMessage());
            return false;
        } finally {
            writes.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }
}
