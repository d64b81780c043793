package io.hybridlicense.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The web console, under {@code hl.admin.console}. */
@ConfigMapping(prefix = "hl.admin.console")
public interface ConsoleConfig {

    /**
     * The longest a console session lasts after sign-in, however busy: while the console is in use its
     * session is renewed (hl.auth.tokens.access-token-lifetime at a time), never past this; then the user
     * signs in again. Shorter than the access token lifetime: sessions are not renewed at all.
     */
    @WithDefault("PT8H")
    Duration sessionMaxLifetime();

    /**
     * {@code true}: the console's cookies (session and CSRF) are always {@code Secure}, for a server that is
     * reached over HTTPS only. {@code false} (default): they are {@code Secure} when the request came over
     * HTTPS, which behind a TLS-terminating proxy the server knows from {@code X-Forwarded-Proto} only if
     * the proxy is trusted ({@code quarkus.http.proxy.*}, README "Deployment").
     */
    @WithDefault("false")
    boolean secureCookies();
}
