package io.hybridlicense.license.validation;

import java.util.UUID;

/**
 * The validation times not written yet: one entry per license (its latest validation), at most
 * {@code limit} licenses in all, counting those handed to the writer and not written yet. An open
 * addressing table over primitive arrays: 24 bytes a slot, where a map of objects costs ~100 bytes an
 * entry and gives the garbage collector a million objects to trace at a million licenses. One lock,
 * held for a few dozen nanoseconds a validation.
 */
final class PendingValidationTimes {

    private final int limit;
    private Table live = new Table();
    /** Licenses handed to the writer ({@link #take}) and not yet {@link #release released}. */
    private int taken;

    PendingValidationTimes(int limit) {
        this.limit = Math.max(1, limit);
    }

    /** Notes a validation; {@code false} when the license is not pending yet and the limit is reached. */
    synchronized boolean note(UUID licenseId, long epochMillis) {
        return live.put(licenseId.getMostSignificantBits(), licenseId.getLeastSignificantBits(),
                epochMillis, limit - taken) != Table.FULL;
    }

    /** Hands every pending license to the writer: they keep counting against the limit until released. */
    synchronized Table take() {
        Table all = live;
        live = new Table();
        taken += all.size();
        return all;
    }

    /** The writer is done with {@code count} taken licenses (written, or merged into another taken one). */
    synchronized void release(int count) {
        taken -= count;
    }

    /** Licenses pending, taken ones included. */
    synchronized int size() {
        return live.size() + taken;
    }

    /** Not thread-safe: the live table is used under the owner's lock, a taken one by the writer alone. */
    static final class Table {

        static final int ADDED = 1;
        static final int UPDATED = 0;
        static final int FULL = -1;
        private static final int MIN_SLOTS = 64;

        private long[] high = new long[MIN_SLOTS];
        private long[] low = new long[MIN_SLOTS];
        /** Epoch millis of the latest validation; 0: an empty slot. */
        private long[] at = new long[MIN_SLOTS];
        private int size;

        int size() {
            return size;
        }

        int slots() {
            return at.length;
        }

        /** {@link #ADDED}, {@link #UPDATED} (the later time kept) or {@link #FULL} (a new license, no room). */
        int put(long high, long low, long epochMillis, int room) {
            long time = Math.max(1, epochMillis);
            int slot = slotOf(high, low);
            if (at[slot] != 0) {
                at[slot] = Math.max(at[slot], time);
                return UPDATED;
            }
            if (size >= room) {
                return FULL;
            }
            if ((size + 1) * 4L > at.length * 3L) {
                grow();
                slot = slotOf(high, low);
            }
            this.high[slot] = high;
            this.low[slot] = low;
            at[slot] = time;
            size++;
            return ADDED;
        }

        /** The first occupied slot at or after {@code from}, or {@link #slots()} when there is none. */
        int next(int from) {
            int slot = from;
            while (slot < at.length && at[slot] == 0) {
                slot++;
            }
            return slot;
        }

        UUID id(int slot) {
            return new UUID(high[slot], low[slot]);
        }

        long at(int slot) {
            return at[slot];
        }

        /** Puts the entries from slot {@code from} on into {@code other}; returns how many it already held. */
        int moveInto(Table other, int from) {
            int already = 0;
            for (int slot = next(from); slot < at.length; slot = next(slot + 1)) {
                if (other.put(high[slot], low[slot], at[slot], Integer.MAX_VALUE) == UPDATED) {
                    already++;
                }
            }
            return already;
        }

        private int slotOf(long high, long low) {
            int mask = at.length - 1;
            long hash = (high ^ low) * 0x9E3779B97F4A7C15L;
            int slot = (int) (hash >>> 32) & mask;
            while (at[slot] != 0 && (this.high[slot] != high || this.low[slot] != low)) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private void grow() {
            long[] oldHigh = high;
            long[] oldLow = low;
            long[] oldAt = at;
            high = new long[oldAt.length * 2];
            low = new long[oldAt.length * 2];
            at = new long[oldAt.length * 2];
            for (int slot = 0; slot < oldAt.length; slot++) {
                if (oldAt[slot] != 0) {
                    int target = slotOf(oldHigh[slot], oldLow[slot]);
                    high[target] = oldHigh[slot];
                    low[target] = oldLow[slot];
                    at[target] = oldAt[slot];
                }
            }
        }
    }
}
