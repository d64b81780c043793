package io.hybridlicense.platform;

import io.hybridlicense.shared.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationException;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every HTTP response gets, whichever part of the server answers it (REST, health, OpenAPI,
 * static files): security headers, the request limits and the URI text rules answered as problem+json
 * before anything reads the request, problem+json for every failure of a Vert.x route, and a problem+json
 * 404 for paths nothing serves.
 */
@ApplicationScoped
class HttpDefaults {

    static final String CSP_API = "default-src 'none'; frame-ancestors 'none'";
    /** Our own pages (the console): no inline script or style at all, not even an attribute. */
    static final String CSP_HTML = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    /** Swagger UI bootstraps itself with an inline script and styles its elements inline. */
    static final String CSP_SWAGGER = CSP_HTML.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
            .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");

    /** The web console (admin module): its forms are the only form posts this server takes. */
    private static final String CONSOLE = "/console";

    private final HlConfig.Http limits;
    private final long maxBodySize;

    HttpDefaults(HlConfig config,
                 @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.limits = config.http();
        this.maxBodySize = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::guard).failureHandler(HttpDefaults::failed);
        router.route().last().handler(HttpDefaults::notFound);
    }

    private void guard(RoutingContext context) {
        context.addHeadersEndHandler(ignored -> addSecurityHeaders(context));
        dropEmptyFormType(context.request());
        Problem refused = refusal(context.request());
        if (refused == null) {
            context.next();
        } else {
            answer(context, refused);
        }
    }

    /**
     * quarkus-rest-csrf asks every form-encoded request for its token. The console's forms carry one; an
     * API call without a body that names the form type anyway (some HTTP clients do by default) has no
     * form at all, so outside the console such a request is treated as having no body type.
     */
    private static void dropEmptyFormType(HttpServerRequest request) {
        String type = request.getHeader("Content-Type");
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                && !request.path().startsWith(CONSOLE) && hasNoBody(request)) {
            request.headers().remove("Content-Type");
        }
    }

    private static boolean hasNoBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        return "0".equals(length) || length == null && request.getHeader("Transfer-Encoding") == null;
    }

    /**
     * Vert.x's own limits (quarkus.http.limits.*) answer with a bare status before any route runs, so they
     * are set above these, which answer with problem+json.
     */
    private Problem refusal(HttpServerRequest request) {
        if (request.uri().length() > limits.maxUriLength()) {
            return ProblemMappers.forStatus(414);
        }
        if (headerBytes(request.headers()) > limits.maxHeaderSize().asLongValue()) {
            return ProblemMappers.forStatus(431);
        }
        String length = request.getHeader("Content-Length");
        if (length != null && length.length() < 19 && length.chars().allMatch(Character::isDigit)
                && Long.parseLong(length) > maxBodySize) {
            return ProblemMappers.forStatus(413);
        }
        String problem = TextRules.uriProblem(request.path());
        if (problem == null) {
            problem = TextRules.uriProblem(request.query());
        }
        return problem == null ? null : Problem.of(400, "invalid-uri", "Bad Request", problem);
    }

    private static long headerBytes(MultiMap headers) {
        long bytes = 0;
        for (Map.Entry<String, String> header : headers) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }

    private static void addSecurityHeaders(RoutingContext context) {
        MultiMap headers = context.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        String contentType = headers.get("Content-Type");
        boolean html = contentType != null && contentType.startsWith("text/html");
        if (!headers.contains("Content-Security-Policy")) {
            headers.set("Content-Security-Policy", !html ? CSP_API
                    : context.request().path().contains("/swagger-ui") ? CSP_SWAGGER : CSP_HTML);
        }
    }

    /** A failure no REST exception mapper saw: a Vert.x route's, or one of the request itself (say, its path). */
    private static void failed(RoutingContext context) {
        Throwable failure = context.failure();
        if (context.response().headWritten() || failure instanceof AuthenticationException
                || failure instanceof io.quarkus.security.ForbiddenException) {
            context.next(); // Quarkus's own handler sends the authentication challenge
            return;
        }
        int status = context.statusCode() > 0 ? context.statusCode()
                : failure instanceof HttpException http ? http.getStatusCode() : 500;
        addSecurityHeaders(context);
        Problem unavailable = status >= 500 ? DatabaseUnavailable.problemFor(failure, context.request().path()) : null;
        if (unavailable != null) {
            context.response().putHeader("Retry-After", DatabaseUnavailable.RETRY_AFTER);
            answer(context, unavailable);
            return;
        }
        answer(context, status >= 500 ? ProblemMappers.unexpected(failure, context.request().path())
                : ProblemMappers.forStatus(status));
    }

    private static void notFound(RoutingContext context) {
        // no instance: the path of a resource that does not exist is only the caller's input
        answer(context, ProblemMappers.forStatus(404));
    }

    private static void answer(RoutingContext context, Problem problem) {
        UnmatchedRoutes.tagUnlessMatched();
        context.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (problem.status() == 413 || problem.status() == 414 || problem.status() == 431) {
            // the rest of an oversized request is not read
            context.response().putHeader("Connection", "close");
        }
        context.response().end(JsonObject.mapFrom(problem).encode());
    }
}
