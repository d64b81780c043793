package io.hybridlicense.console;

import io.quarkus.qute.TemplateExtension;

/**
 * The WebJars the console's pages load, under their versioned paths ({@code asset:htmx},
 * {@code asset:chartJs}): a new version is a new URL, so the browser may keep these for a year without
 * asking again ({@link AssetCaching}). The versions are the pom's {@code htmx.version} and
 * {@code chartjs.version}; ConsoleAssetsTest fails when they and these differ.
 */
@TemplateExtension(namespace = "asset")
final class ConsoleAssets {

    static final String HTMX_VERSION = "2.0.4";
    static final String CHART_JS_VERSION = "4.4.7";

    private ConsoleAssets() {
    }

    static String htmx() {
        return "/webjars/htmx.org/" + HTMX_VERSION + "/dist/htmx.min.js";
    }

    static String chartJs() {
        return "/webjars/chart.js/" + CHART_JS_VERSION + "/dist/chart.umd.js";
    }
}
