package io.hybridlicense.license;

import io.hybridlicense.shared.Clock;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Keeps validation off the database's write path: validations only note the license id in memory.
 * Once per interval ({@code hl.license.validation.record-every}, default a minute) the noted ids become
 * due, and a job writes {@code last_validated_at} for them in small slices every second, spread over the
 * next interval, on the JDBC pool rather than the validation's reactive one. Writing them all at once
 * (10,000 rows) put a spike into validation's latency tail once a minute (measured, see
 * docs/PERFORMANCE.md). The optimistic-lock version is not touched. A crash loses at most two
 * intervals of these times, which are informational.
 */
@ApplicationScoped
class ValidationRecorder {

    private static final String UPDATE = "UPDATE license.licenses SET last_validated_at = ? WHERE id = ANY(?)"
            + " AND (last_validated_at IS NULL OR last_validated_at < ?)";
    private static final Duration SLICE_EVERY = Duration.ofSeconds(1);
    private static final int MAX_SLICE = 1000;

    private final Set<UUID> seen = ConcurrentHashMap.newKeySet();
    /** Only the job's thread touches these. */
    private final ArrayDeque<UUID> due = new ArrayDeque<>();
    private Instant nextRound;
    private int slice = 1;

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration every;

    ValidationRecorder(DataSource dataSource, Clock clock, LicenseConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.every = config.validation().recordEvery();
    }

    void noteValidated(UUID licenseId) {
        seen.add(licenseId);
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        recordSlice(false);
    }

    /** Writes the next slice; {@code newRound}: the ids noted so far become due now (tests). */
    synchronized void recordSlice(boolean newRound) {
        Instant now = clock.now();
        if (newRound || nextRound == null || !now.isBefore(nextRound)) {
            nextRound = now.plus(every);
            takeSeen();
            long slices = Math.max(1, every.toMillis() / SLICE_EVERY.toMillis());
            slice = (int) Math.min(MAX_SLICE, Math.max(1, (due.size() + slices - 1) / slices));
        }
        write(now, slice);
    }

    /** Writes everything noted so far at once (tests, and callers that cannot wait an interval). */
    synchronized void recordValidations() {
        takeSeen();
        while (!due.isEmpty()) {
            write(clock.now(), MAX_SLICE);
        }
    }

    private void takeSeen() {
        List<UUID> ids = new ArrayList<>(seen);
        seen.removeAll(ids);
        due.addAll(ids);
    }

    private void write(Instant now, int count) {
        if (due.isEmpty()) {
            return;
        }
        List<UUID> ids = new ArrayList<>(Math.min(count, due.size()));
        while (ids.size() < count && !due.isEmpty()) {
            ids.add(due.poll());
        }
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(UPDATE)) {
            Array array = connection.createArrayOf("uuid", ids.toArray());
            update.setObject(1, at);
            update.setArray(2, array);
            update.setObject(3, at);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record " + ids.size() + " validation times", e);
        }
    }
}
