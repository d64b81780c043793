package io.hybridlicense.console;

import io.hybridlicense.console.api.ConsolePaths;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The console's session: the access token in a cookie that scripts cannot read (HttpOnly), that no
 * other site's request carries (SameSite=Strict), sent only over HTTPS when the console is reached over
 * HTTPS or {@link ConsoleConfig#secureCookies()} is set (Secure), and only to the console's paths. smallrye-jwt reads it (mp.jwt.token.cookie).
 * While in use it is renewed ({@link ConsoleSessionRenewal}).
 */
final class ConsoleSession {

    static final String COOKIE = "hl_session";
    static final String PATH = ConsolePaths.ROOT;
    static final URI SIGN_IN = URI.create(ConsolePaths.SIGN_IN);
    /** {@link ConsoleConfig#secureCookies()} */
    static final String SECURE_COOKIES = "hl.admin.console.secure-cookies";

    private ConsoleSession() {
    }

    static Response.ResponseBuilder start(Response.ResponseBuilder response, String token, Duration lifetime,
                                          HttpServerRequest request) {
        return response.header(HttpHeaders.SET_COOKIE, cookie(token, lifetime, request));
    }

    static Response.ResponseBuilder end(Response.ResponseBuilder response, HttpServerRequest request) {
        return response.header(HttpHeaders.SET_COOKIE, ended(request));
    }

    /** Whether {@code path} is one of the console's, to which the session cookie is sent. */
    static boolean covers(String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    /** A signed-out visitor (or one whose session expired) is sent to sign in, and any stale cookie dropped. */
    static Response toSignIn(HttpServerRequest request) {
        return end(Response.seeOther(SIGN_IN), request).build();
    }

    /** The session cookie holding {@code token} for {@code lifetime}: the one place it is built. */
    static String cookie(String token, Duration lifetime, HttpServerRequest request) {
        return cookie(token, lifetime.toSeconds(), request);
    }

    /** The session cookie that drops the browser's. */
    static String ended(HttpServerRequest request) {
        return cookie("", 0, request);
    }

    private static String cookie(String value, long maxAgeSeconds, HttpServerRequest request) {
        return COOKIE + "=" + value + "; Path=" + PATH + "; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secure(request) ? "; Secure" : "");
    }

    /** Read per call: the console's traffic is small, and the class has no bean to hold it. */
    static boolean secure(HttpServerRequest request) {
        return "https".equals(request.scheme())
                || ConfigProvider.getConfig().getOptionalValue(SECURE_COOKIES, Boolean.class).orElse(false);
    }
}
