package io.hybridlicense.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;

/**
 * How long browsers keep the console's static files. A WebJar under its versioned path
 * ({@code /webjars/htmx.org/2.0.4/…}, what the pages link: {@link ConsoleAssets}) never changes, so it is
 * kept for a year without revalidation. Everything else — the version-less WebJar paths and the console's
 * own {@code /assets/} files, whose URLs stay the same across releases — is revalidated on every use
 * ({@code no-cache}; unchanged files answer 304), so that an upgrade is seen at once. Quarkus' default
 * would be {@code immutable} for a day on all of them.
 */
@ApplicationScoped
class AssetCaching {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";

    /** {@code /webjars/<name>/<version>/…}; the version-less form has a folder name (dist) there. */
    private static final Pattern VERSIONED_WEBJAR = Pattern.compile("/webjars/[^/]+/\\d+\\.\\d+[^/]*/.+");
    /** web-dependency-locator reroutes a version-less path to the versioned one: the policy is the requested URL's. */
    private static final String REQUESTED_PATH = AssetCaching.class.getName() + ".path";

    void install(@Observes Router router) {
        router.route().pathRegex("/(webjars|assets)/.*").order(Integer.MIN_VALUE + 2).handler(AssetCaching::cache);
    }

    private static void cache(RoutingContext context) {
        String requested = context.get(REQUESTED_PATH);
        if (requested == null) {
            requested = context.normalizedPath();
            context.put(REQUESTED_PATH, requested);
        }
        String policy = VERSIONED_WEBJAR.matcher(requested).matches() ? IMMUTABLE : REVALIDATE;
        // (a reroute drops the handlers added before it, so this is added again on every pass)
        context.addHeadersEndHandler(ignored -> {
            int status = context.response().getStatusCode();
            if (status == 200 || status == 206 || status == 304) {
                context.response().headers().set("Cache-Control", policy);
            }
        });
        context.next();
    }
}
