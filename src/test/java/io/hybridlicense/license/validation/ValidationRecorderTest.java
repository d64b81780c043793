package io.hybridlicense.license.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridlicense.testing.Concurrently;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.Activated;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The recorder's memory: one entry per license, a hard limit, and everything that fits written. */
@QuarkusTest
class ValidationRecorderTest {

    @Inject
    DataSource dataSource;

    private final AtomicLong millis = new AtomicLong(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());

    /** A recorder of its own: its interval (an hour) never passes during the test, its clock ticks a millisecond a call. */
    private ValidationRecorder recorder(int limit) {
        return new ValidationRecorder(dataSource, () -> Instant.ofEpochMilli(millis.incrementAndGet()),
                Duration.ofHours(1), limit, new SimpleMeterRegistry());
    }

    @Test
    void oneLicenseValidated10000Times_inParallel_isOnePendingEntry_writtenWithItsLatestTime() throws Exception {
        ValidationRecorder recorder = recorder(100);
        Activated license = Users.aUser().register().activated();

        Concurrently.run(8, thread -> {
            for (int i = 0; i < 1250; i++) {
                recorder.noteValidated(license.licenseId());
            }
            return null;
        });

        assertThat(recorder.pendingCount()).isEqualTo(1);
        recorder.recordValidations();
        assertThat(recorder.pendingCount()).isZero();
        assertThat(lastValidatedAt(license.licenseId())).isEqualTo(Instant.ofEpochMilli(millis.get()));
    }

    @Test
    void moreLicensesThanTheLimit_keepTheLimit_andAllThatFitAreWritten() {
        ValidationRecorder recorder = recorder(30);
        List<Activated> licenses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            licenses.add(Users.aUser().register().activated());
        }
        licenses.forEach(license -> recorder.noteValidated(license.licenseId()));
        for (int i = 0; i < 1000; i++) {
            recorder.noteValidated(UUID.randomUUID());
        }

        assertThat(recorder.pendingCount()).isEqualTo(30);
        assertThat(recorder.droppedCount()).isEqualTo(990);
        recorder.recordValidations();

        assertThat(recorder.pendingCount()).isZero();
        for (Activated license : licenses) {
            assertThat(lastValidatedAt(license.licenseId())).as("license %s", license.licenseId()).isNotNull();
        }
        recorder.noteValidated(licenses.get(0).licenseId());
        assertThat(recorder.pendingCount()).as("room again once written").isEqualTo(1);
    }

    @Test
    void aWrittenRound_letsGoOfItsTable() {
        ValidationRecorder recorder = recorder(10_000);
        for (int i = 0; i < 5_000; i++) {
            recorder.noteValidated(UUID.randomUUID());
        }

        recorder.recordValidations();

        assertThat(recorder.pendingCount()).isZero();
        assertThat(recorder.dueSlots()).as("slots kept after the round was written").isLessThanOrEqualTo(64);
    }

    @Test
    void licensesLeftOverFromALateRound_joinTheNextOnce() {
        ValidationRecorder recorder = recorder(1000);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            ids.add(UUID.randomUUID());
        }
        ids.forEach(recorder::noteValidated);
        recorder.recordSlice(true); // an hour's round: one row a second, most of them still due

        for (int round = 0; round < 5; round++) {
            ids.forEach(recorder::noteValidated);
            recorder.recordSlice(true);
        }

        assertThat(recorder.pendingCount()).isLessThanOrEqualTo(500);
    }

    @Test
    void aRowLockedBySomeoneElse_isSkipped_notWaitedFor() throws Exception {
        ValidationRecorder recorder = recorder(100);
        Activated locked = Users.aUser().register().activated();
        Activated free = Users.aUser().register().activated();
        recorder.noteValidated(locked.licenseId());
        recorder.noteValidated(free.licenseId());

        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT id FROM license.licenses WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, locked.licenseId());
                lock.executeQuery().close();
            }
            long started = System.nanoTime();
            recorder.recordValidations();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            other.rollback();
        }

        assertThat(lastValidatedAt(free.licenseId())).isNotNull();
        assertThat(lastValidatedAt(locked.licenseId())).isNull();
    }

    private Instant lastValidatedAt(UUID licenseId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement read = connection.prepareStatement("SELECT last_validated_at FROM license.licenses WHERE id = ?")) {
            read.setObject(1, licenseId);
            try (ResultSet row = read.executeQuery()) {
                assertThat(row.next()).isTrue();
                OffsetDateTime at = row.getObject(1, OffsetDateTime.class);
                return at == null ? null : at.toInstant().truncatedTo(ChronoUnit.MICROS);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
