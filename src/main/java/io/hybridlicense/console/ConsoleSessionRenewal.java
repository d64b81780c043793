package io.hybridlicense.console;

import io.hybridlicense.auth.api.AuthApi;
import io.hybridlicense.auth.api.SignedIn;
import io.hybridlicense.shared.Clock;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.json.JsonNumber;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The console's sliding session: a signed-in console request that arrives past half its token's
 * lifetime gets a new token in its response, so that someone at work in the console is not signed out
 * mid-task. auth verifies the token again and reads the user for it ({@link AuthApi#renew}), so a
 * revoked role is not renewed, nor a session ended meanwhile (sign-out anywhere), and none past {@link ConsoleConfig#sessionMaxLifetime()} after sign-in
 * ({@code auth_time}). Only a token that came in the session cookie is renewed, never a bearer token.
 */
class ConsoleSessionRenewal {

    private final AuthApi auth;
    private final Clock clock;
    private final Duration maxLifetime;
    private final CurrentVertxRequest current;

    ConsoleSessionRenewal(AuthApi auth, Clock clock, ConsoleConfig config, CurrentVertxRequest current) {
        this.auth = auth;
        this.clock = clock;
        this.maxLifetime = config.sessionMaxLifetime();
        this.current = current;
    }

    @ServerResponseFilter
    void renew(ContainerResponseContext response) {
        RoutingContext context = current.getCurrent();
        if (context == null || !ConsoleSession.covers(context.normalizedPath()) || setsSession(response)) {
            return;
        }
        JsonWebToken token = sessionToken(context);
        if (token == null) {
            return;
        }
        Instant issued = Instant.ofEpochSecond(token.getIssuedAtTime());
        Instant expires = Instant.ofEpochSecond(token.getExpirationTime());
        Instant signedIn = signedInAt(token);
        Instant notAfter = signedIn.plus(maxLifetime);
        Instant halfway = issued.plus(Duration.between(issued, expires).dividedBy(2));
        if (clock.now().isBefore(halfway) || !notAfter.isAfter(expires)) {
            return;
        }
        Optional<SignedIn> renewed = auth.renew(token.getRawToken(), maxLifetime);
        HttpServerRequest request = context.request();
        response.getHeaders().add(HttpHeaders.SET_COOKIE, renewed
                .map(session -> ConsoleSession.cookie(session.accessToken(), session.lifetime(), request))
                .orElseGet(() -> ConsoleSession.ended(request)));
    }

    /** The caller's token, if they were authenticated by the session cookie (not by a bearer token). */
    private static JsonWebToken sessionToken(RoutingContext context) {
        Cookie cookie = context.request().getCookie(ConsoleSession.COOKIE);
        if (cookie != null && context.user() instanceof QuarkusHttpUser user
                && user.getSecurityIdentity().getPrincipal() instanceof JsonWebToken token
                && cookie.getValue().equals(token.getRawToken())) {
            return token;
        }
        return null;
    }

    /** Sign-in and sign-out set the cookie themselves. */
    private static boolean setsSession(ContainerResponseContext response) {
        return response.getStringHeaders().getOrDefault(HttpHeaders.SET_COOKIE, java.util.List.of()).stream()
                .anyMatch(cookie -> cookie.startsWith(ConsoleSession.COOKIE + "="));
    }

    /** {@code auth_time}; a token issued before it was added counts from its own issue. */
    private static Instant signedInAt(JsonWebToken token) {
        Object claim = token.getClaim(Claims.auth_time.name());
        if (claim instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        if (claim instanceof JsonNumber seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        return Instant.ofEpochSecond(token.getIssuedAtTime());
    }
}
