package io.hybridlicense.license;

import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Function;

/**
 * What the event-loop routes (validation, heartbeats) share: they are installed ahead of the REST
 * resource that documents the same endpoint, take JSON (or no declared type) as the resource's
 * {@code @Consumes}, and answer problems as the REST mappers do. The application-wide HTTP rules
 * (limits, security headers, problem+json for failures) apply as to every route.
 */
public final class EventLoopRoutes {

    private static final String JSON = "application/json";

    private EventLoopRoutes() {
    }

    public static void install(Router router, String path, long maxBodySize, Handler<RoutingContext> handler) {
        router.post(path).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodySize))
                .handler(handler);
    }

    /** The request's body, or {@code null} after failing the route with 415 when it is not JSON. */
    public static byte[] jsonBody(RoutingContext context) {
        if (!isJson(context.request().getHeader("Content-Type"))) {
            context.fail(415);
            return null;
        }
        Buffer body = context.body().buffer();
        return body == null ? new byte[0] : body.getBytes();
    }

    /**
     * Answers 200 with {@code json} of the result, or the problem of a refusal; any other failure goes to
     * the application's failure handler.
     *
     * @return the status answered ({@code 0} when the route failed)
     */
    public static <T> int answer(RoutingContext context, AsyncResult<T> outcome, Function<T, String> json) {
        if (outcome.succeeded()) {
            context.response().putHeader("Content-Type", "application/json;charset=UTF-8").end(json.apply(outcome.result()));
            return 200;
        }
        if (outcome.cause() instanceof ProblemException refused) {
            refused.headers().forEach(context.response()::putHeader);
            return refuse(context, refused.problem());
        }
        context.fail(outcome.cause());
        return 0;
    }

    /** @return the problem's status */
    public static int refuse(RoutingContext context, Problem problem) {
        context.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(JsonObject.mapFrom(problem.at(context.request().path())).encode());
        return problem.status();
    }

    private static boolean isJson(String type) {
        return type == null || type.regionMatches(true, 0, JSON, 0, JSON.length())
                && (type.length() == JSON.length() || type.charAt(JSON.length()) == ';' || type.charAt(JSON.length()) == ' ');
    }
}
