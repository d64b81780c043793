package io.hybridlicense.license.validation;

import io.hybridlicense.license.EventLoopRoutes;
import io.hybridlicense.license.LicenseConfig;
import io.hybridlicense.license.RouteJson;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /api/v1/licenses/validate} answered on the Vert.x event loop ({@link EventLoopRoutes}), ahead
 * of the REST resource that documents it ({@code LicenseResource#validate} of lifecycle) and answers it when
 * {@code hl.license.validation.event-loop-route=false}: no worker hop, no request context, no data
 * binding or Bean Validation, the same answers.
 */
@ApplicationScoped
class LicenseValidationRoute {

    static final String PATH = "/api/v1/licenses/validate";

    private final ValidateLicense validation;
    private final ValidationMetrics metrics;
    private final boolean enabled;
    private final long maxBodySize;

    LicenseValidationRoute(ValidateLicense validation, ValidationMetrics metrics, LicenseConfig config,
                           @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.validation = validation;
        this.metrics = metrics;
        this.enabled = config.validation().eventLoopRoute();
        this.maxBodySize = maxBodySize.map(MemorySize::asLongValue).orElse(-1L);
    }

    void install(@Observes Router router) {
        if (enabled) {
            EventLoopRoutes.install(router, PATH, maxBodySize, this::validate);
        }
    }

    private void validate(RoutingContext context) {
        long started = System.nanoTime();
        byte[] body = EventLoopRoutes.jsonBody(context);
        if (body == null) {
            return;
        }
        ValidationJson.Request request;
        try {
            request = ValidationJson.read(body);
        } catch (RouteJson.Refused refused) {
            metrics.validated(null, EventLoopRoutes.refuse(context, refused.problem()), started);
            return;
        }
        validation.validate(request.token(), request.clientId(), request.requireEntitlements()).onComplete(outcome -> {
            int status = EventLoopRoutes.answer(context, outcome, ValidationJson::write);
            if (status != 0) {
                metrics.validated(status == 200 ? outcome.result().code().name() : null, status, started);
            }
        });
    }
}
