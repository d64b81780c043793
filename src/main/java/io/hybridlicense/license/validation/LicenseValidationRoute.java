package io.hybridlicense.license.validation;

import io.hybridlicense.license.LicenseConfig;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /api/v1/licenses/validate} answered on the Vert.x event loop, ahead of the REST resource
 * that documents it ({@code LicenseResource#validate} of lifecycle) and answers it when
 * {@code hl.license.validation.event-loop-route=false}: no worker hop, no request context, no data
 * binding or Bean Validation, the same answers. The application-wide HTTP rules (limits, security
 * headers, problem+json for failures) apply as to every route.
 */
@ApplicationScoped
class LicenseValidationRoute {

    static final String PATH = "/api/v1/licenses/validate";
    private static final String JSON = "application/json";

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
            router.post(PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                    .handler(BodyHandler.create(false).setBodyLimit(maxBodySize))
                    .handler(this::validate);
        }
    }

    /** As the resource's {@code @Consumes}: JSON, or no declared type. */
    private static boolean isJson(String type) {
        return type == null || type.regionMatches(true, 0, JSON, 0, JSON.length())
                && (type.length() == JSON.length() || type.charAt(JSON.length()) == ';' || type.charAt(JSON.length()) == ' ');
    }

    private void validate(RoutingContext context) {
        long started = System.nanoTime();
        if (!isJson(context.request().getHeader("Content-Type"))) {
            context.fail(415);
            return;
        }
        Buffer body = context.body().buffer();
        ValidationJson.Request request;
        try {
            request = ValidationJson.read(body == null ? new byte[0] : body.getBytes());
        } catch (ValidationJson.Refused refused) {
            refuse(context, refused.problem().at(context.request().path()));
            metrics.validated(null, refused.problem().status(), started);
            return;
        }
        validation.validate(request.token(), request.clientId(), request.requireEntitlements()).onComplete(outcome -> {
            if (outcome.succeeded()) {
                context.response().putHeader("Content-Type", "application/json;charset=UTF-8")
                        .end(ValidationJson.write(outcome.result()));
                metrics.validated(outcome.result().code().name(), 200, started);
            } else if (outcome.cause() instanceof ProblemException refused) {
                refused.headers().forEach(context.response()::putHeader);
                refuse(context, refused.problem().at(context.request().path()));
                metrics.validated(null, refused.problem().status(), started);
            } else {
                context.fail(outcome.cause());
            }
        });
    }

    private static void refuse(RoutingContext context, Problem problem) {
        context.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(JsonObject.mapFrom(problem).encode());
    }
}
