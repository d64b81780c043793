package io.hybridlicense.license.heartbeat;

import java.time.Duration;
import java.time.Instant;

/**
 * The heartbeat terms of a license's policy. {@code interval} {@code null}: the policy requires no
 * heartbeat; {@code cullAfter} {@code null}: dead machines are never culled; {@code resurrectWithin}
 * {@code null}: culled ones are never revived.
 */
record HeartbeatTerms(Duration interval, Duration grace, Duration cullAfter, Duration resurrectWithin, int seats) {

    boolean required() {
        return interval != null;
    }

    /** When the client should send its next ping (the grace is the server's tolerance, not the client's budget). */
    Instant nextBefore(Instant pingedAt) {
        return pingedAt.plus(interval);
    }

    boolean revivable(Instant culledAt, Instant now) {
        return culledAt != null && resurrectWithin != null && !now.isAfter(culledAt.plus(resurrectWithin));
    }
}
