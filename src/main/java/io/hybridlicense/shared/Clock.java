package io.hybridlicense.shared;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time source of the application. Truncated to microseconds, the precision of PostgreSQL's
 * {@code timestamptz}, so that a value read back equals the value written.
 */
@FunctionalInterface
public interface Clock {

    Instant now();

    static Clock system() {
        return () -> Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
