package io.hybridlicense.license;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.time.Duration;
import java.util.Locale;
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
            case "validate" -> Timer.builder("hl.license.validations")
                    .description("License validations by result code (every one answers 200 unless the request is malformed)")
                    .tag("result", response.getEntity() instanceof LicenseResponses.Validation validation
                            ? validation.code().name().toLowerCase(Locale.ROOT) : "refused-" + response.getStatus())
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry)
                    .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
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

    private static boolean isLicenseResource(SimpleResourceInfo resource) {
        return resource != null && resource.getResourceClass() == LicenseResource.class;
    }
}
