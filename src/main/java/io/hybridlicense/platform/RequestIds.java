package io.hybridlicense.platform;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every request an id that every log line written while serving it carries ({@code requestId} in
 * the MDC, which Quarkus keeps per request in the Vert.x context, worker threads included) and that the
 * response names in {@code X-Request-Id}, so an answer can be found in the logs. An id sent by a proxy
 * is kept only if it is plainly an id: anything else could forge or break log lines, so it is replaced.
 */
@ApplicationScoped
class RequestIds {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{7,63}");
    /** Before the guard of {@link HttpDefaults}, so that its refusals carry the id as well. */
    private static final int ORDER = Integer.MIN_VALUE;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(RequestIds::assign);
    }

    private static void assign(RoutingContext context) {
        String id = accepted(context.request().getHeader(HEADER));
        MDC.put(MDC_KEY, id);
        context.put(MDC_KEY, id);
        context.response().putHeader(HEADER, id);
        context.addEndHandler(ignored -> MDC.remove(MDC_KEY));
        context.next();
    }

    static String accepted(String incoming) {
        return incoming != null && SANE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }
}
