package io.hybridlicense.platform;

import io.hybridlicense.shared.Problem;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * What every HTTP response gets, whichever part of the server answers it (REST, health, OpenAPI,
 * static files): security headers, and a problem+json 404 for paths nothing serves.
 */
@ApplicationScoped
class HttpDefaults {

    static final String CSP_API = "default-src 'none'; frame-ancestors 'none'";
    static final String CSP_HTML = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    /** Swagger UI bootstraps itself with an inline script. */
    static final String CSP_SWAGGER = CSP_HTML.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::addSecurityHeaders);
        router.route().last().handler(HttpDefaults::notFound);
    }

    private void addSecurityHeaders(RoutingContext context) {
        context.addHeadersEndHandler(ignored -> {
            MultiMap headers = context.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            String contentType = headers.get("Content-Type");
            boolean html = contentType != null && contentType.startsWith("text/html");
            if (!headers.contains("Content-Security-Policy")) {
                headers.set("Content-Security-Policy", !html ? CSP_API
                        : context.normalizedPath().contains("/swagger-ui") ? CSP_SWAGGER : CSP_HTML);
            }
        });
        context.next();
    }

    private static void notFound(RoutingContext context) {
        JsonObject problem = JsonObject.mapFrom(
                Problem.of(404, "not-found", "Not Found", "No resource at this path").at(context.normalizedPath()));
        context.response().setStatusCode(404).putHeader("Content-Type", Problem.MEDIA_TYPE).end(problem.encode());
    }
}
