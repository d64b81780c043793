package io.hybridlicense.platform;

import io.smallrye.common.vertx.ContextLocals;

/**
 * The HTTP server metrics tag a request with its route template, and with the raw path when no route matched:
 * every refused URI (too long, bad characters) would then become a time series of its own, as many as a
 * client cares to send. Answers given before any route matched are tagged with one fixed template instead.
 */
final class UnmatchedRoutes {

    /** The context-local key Quarkus's HTTP metrics read the template from. */
    private static final String TEMPLATE_KEY = "UrlPathTemplate";
    static final String TEMPLATE = "/{unmatched}";

    private UnmatchedRoutes() {
    }

    static void tagUnlessMatched() {
        if (ContextLocals.get(TEMPLATE_KEY).isEmpty()) {
            ContextLocals.put(TEMPLATE_KEY, TEMPLATE);
        }
    }
}
