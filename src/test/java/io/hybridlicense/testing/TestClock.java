package io.hybridlicense.testing;

import io.hybridlicense.shared.Clock;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock in tests: the system clock, until a test stops it to make time-dependent
 * behaviour (rate-limit refills) deterministic. Replaces the default {@link Clock} bean; a test that
 * stops it must {@link #resume()} it.
 */
@ApplicationScoped
public class TestClock implements Clock {

    private final AtomicReference<Instant> stopped = new AtomicReference<>();

    @Override
    public Instant now() {
        Instant at = stopped.get();
        return at != null ? at : Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public void stop() {
        stopped.set(Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    public void advance(Duration duration) {
        stopped.updateAndGet(at -> at.plus(duration));
    }

    public void resume() {
        stopped.set(null);
    }
}
