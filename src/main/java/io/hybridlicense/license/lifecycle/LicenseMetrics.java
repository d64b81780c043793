package io.hybridlicense.license.lifecycle;

import io.hybridlicense.license.validation.ValidationMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Validations by result code (rate and latency, through validation's {@link ValidationMetrics}) and
 * activations by outcome, read from the answers of {@link LicenseResource} so the use cases stay free of
 * metrics (names in docs/operations.md). The HTTP status alone would not do: every validation answers
 * 200, its verdict is in the body.
 */
@ApplicationScoped
class LicenseMetrics {

    private static final String STARTED = LicenseMetrics.class.getName() + ".started";

    private final MeterRegistry registry;
    private final ValidationMetrics validations;

    LicenseMetrics(MeterRegistry registry, ValidationMetrics validations) {
        this.registry = registry;
        this.validations = validations;
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
            case "validate" -> validations.validated(response.getEntity() instanceof LicenseResponses.Validation validation
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

    private static boolean isLicenseResource(SimpleResourceInfo resource) {
        return resource != null && resource.getResourceClass() == LicenseResource.class;
    }
}
