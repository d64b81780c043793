package io.hybridlicense.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Sign-ins by outcome, read from the answers of {@link AuthResource#login} (names in docs/operations.md):
 * a rising {@code failure} or {@code throttled} count is a password-guessing storm; {@code busy} means the
 * password hashing slots are exhausted.
 */
@ApplicationScoped
class LoginMetrics {

    private final MeterRegistry registry;

    LoginMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @ServerResponseFilter
    void finished(ContainerResponseContext response, SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() != AuthResource.class || !"login".equals(resource.getMethodName())) {
            return;
        }
        Counter.builder("hl.auth.logins")
                .description("Sign-in attempts by outcome")
                .tag("result", switch (response.getStatus()) {
                    case 200 -> "success";
                    case 401 -> "failure";
                    case 429 -> "throttled";
                    case 503 -> "busy";
                    default -> "refused-" + response.getStatus();
                })
                .register(registry)
                .increment();
    }
}
