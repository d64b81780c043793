package io.hybridlicense.license.validation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Validations by result code, rate and latency (names in docs/operations.md), whichever answers them:
 * the event-loop route ({@link LicenseValidationRoute}) or the REST resource (through lifecycle's
 * {@code LicenseMetrics}).
 */
@ApplicationScoped
public class ValidationMetrics {

    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1)};

    private final MeterRegistry registry;
    /** The hot path looks its timer up once per result code (a bounded set), not through the registry. */
    private final Map<String, Timer> validationTimers = new ConcurrentHashMap<>();

    ValidationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * One validation answered.
     *
     * @param code the verdict's code, or {@code null} when the request was refused with {@code status}
     */
    public void validated(String code, int status, long startedNanos) {
        String result = code == null ? "refused-" + status : code.toLowerCase(Locale.ROOT);
        validationTimers.computeIfAbsent(result, tag -> Timer.builder("hl.license.validations")
                        .description("License validations by result code (every one answers 200 unless the request is malformed)")
                        .tag("result", tag)
                        .serviceLevelObjectives(LATENCY_BUCKETS)
                        .register(registry))
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }
}
