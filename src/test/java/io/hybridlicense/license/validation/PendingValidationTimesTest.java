package io.hybridlicense.license.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PendingValidationTimesTest {

    @Test
    void oneLicenseValidatedOften_isOneEntry_withItsLatestTime() {
        PendingValidationTimes pending = new PendingValidationTimes(10);
        UUID license = UUID.randomUUID();

        for (int i = 1; i <= 10_000; i++) {
            assertThat(pending.note(license, 1_000_000L + (i * 7919L) % 10_000)).isTrue();
        }

        assertThat(pending.size()).isEqualTo(1);
        PendingValidationTimes.Table taken = pending.take();
        int slot = taken.next(0);
        assertThat(taken.id(slot)).isEqualTo(license);
        assertThat(taken.at(slot)).isEqualTo(1_000_000L + 9_999);
        assertThat(taken.next(slot + 1)).isEqualTo(taken.slots());
    }

    @Test
    void pastTheLimit_newLicensesAreDropped_knownOnesStillUpdated_andMemoryStaysBounded() {
        PendingValidationTimes pending = new PendingValidationTimes(1_000);
        UUID first = UUID.randomUUID();
        pending.note(first, 1);
        int dropped = 0;
        for (int i = 0; i < 1_000_000; i++) {
            dropped += pending.note(UUID.randomUUID(), 2) ? 0 : 1;
        }

        assertThat(pending.size()).isEqualTo(1_000);
        assertThat(dropped).isEqualTo(1_000_000 - 999);
        assertThat(pending.note(first, 3)).as("a license already pending").isTrue();
        PendingValidationTimes.Table taken = pending.take();
        assertThat(taken.slots()).as("slots for 1,000 licenses").isLessThanOrEqualTo(2048);
        assertThat(pending.note(UUID.randomUUID(), 4)).as("taken ones still count against the limit").isFalse();

        pending.release(taken.size());
        assertThat(pending.note(UUID.randomUUID(), 5)).isTrue();
    }

    @Test
    void everyLicenseIsKept_acrossGrowth_andMovedWithoutDuplicates() {
        PendingValidationTimes pending = new PendingValidationTimes(Integer.MAX_VALUE);
        Map<UUID, Long> expected = new HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            UUID id = new UUID(i % 7, i); // colliding high bits
            expected.put(id, 10L + i);
            pending.note(id, 10L + i);
        }
        PendingValidationTimes.Table older = pending.take();
        pending.note(new UUID(0, 0), 99_999); // also in the older table: merged, not repeated
        PendingValidationTimes.Table newer = pending.take();

        assertThat(older.moveInto(newer, 0)).isEqualTo(1);
        Map<UUID, Long> found = new HashMap<>();
        for (int slot = newer.next(0); slot < newer.slots(); slot = newer.next(slot + 1)) {
            assertThat(found.put(newer.id(slot), newer.at(slot))).isNull();
        }
        expected.put(new UUID(0, 0), 99_999L);
        assertThat(found).isEqualTo(expected);
    }
}
