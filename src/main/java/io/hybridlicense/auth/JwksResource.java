package io.hybridlicense.auth;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

/** Publishes the token verification keys so that clients can check tokens offline. */
@Path("/.well-known/jwks.json")
@PermitAll
class JwksResource {

    static final String MEDIA_TYPE = "application/jwk-set+json";
    private static final int CACHE_SECONDS = 300;

    private final TokenKeys keys;

    JwksResource(TokenKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces({MEDIA_TYPE, "application/json"})
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(CACHE_SECONDS);
        return Response.ok(keys.publicJwks()).cacheControl(cache).build();
    }
}
