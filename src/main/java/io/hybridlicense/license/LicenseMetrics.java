package io.hybridlicense.license;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Validations by result code (rate and latency) and activations by outcome, read from the answers of
 * {@link LicenseResource} so the use cases stay free of metrics (names in docs/operations.md). The HTTP
 * status alone would not do: every validation answers 200, its verdict is in the body.
 */
@ApplicationScoped
class LicenseMetrics {

    private static final String STARTED = LicenseMetrics.class.getName() + ".started";
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1)};

    private final MeterRegistry registry;
    /** The hot path looks its timer up once per result code (a bounded set), not through the registry. */
    private final Map<String, Timer> validationTimers = new ConcurrentHashMap<>();

    LicenseMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @ServerRequestFilter
    void started(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (isLicenseResource(resource)) {
            request.setProperty(STARTED, System.nanoTime());
        }
    }

    @ServerResponseFilter
    void finished(ContainerRequestContext request, ContainerResponseContext response, SimpleResourceInfo resource) {
        if (!isLicenseResource(resource) || !(request.getProperty(STARTED) instanceof Long started)) {
            return;
        }
        switch (resource.getMethodName()) {
            case "validate" -> validated(response.getEntity() instanceof LicenseResponses.Validation validation
                    ? validation.code().name() : null, response.getStatus(), started);
            case "activate" -> Counter.builder("hl.license.activations")
                    .description("Activation requests by outcome: a new license, the existing one of that client, or refused")
                    .tag("result", switch (response.getStatus()) {
                        case 201 -> "created";
                        case 200 -> "existing";
                        default -> "refused-" + response.getStatus();
                    })
                    .register(registry)
                    .increment();
            default -> {
                // other license calls: the HTTP server metrics cover them
            }
        }
    }

    /**
     * One validation answered, by the REST resource or the event-loop route ({@link LicenseValidationRoute}).
     *
     * @param code the verdict's code, or {@code null} when the request was refused with {@code status}
     */
    void validated(String code, int status, long startedNanos) {
        String result = code == null ? "refused-" + status : code.toLowerCase(Locale.ROOT);
        validationTimers.computeIfAbsent(result, tag -> Timer.builder("hl.license.validations")
                        .description("License validations by result code (every one answers 200 unless the request is malformed)")
                        .tag("result", tag)
                        .serviceLevelObjectives(LATENCY_BUCKETS)
                        .register(registry))
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    private static boolean isLicenseResource(SimpleResourceInfo resource) {
        return resource != null && resource.getResourceClass() == LicenseResource.class;
    }
}
