package io.hybridlicense.license.offline;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Publishes the Ed25519 keys that verify license files (docs/license-files.md). */
@Path("/.well-known/license-keys.json")
@PermitAll
class LicenseFileKeysResource {

    private static final int CACHE_SECONDS = 300;

    private final LicenseFileKeys keys;

    LicenseFileKeysResource(LicenseFileKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces({"application/jwk-set+json", "application/json"})
    @Operation(summary = "The public keys (JWK set, kty OKP, crv Ed25519) that verify license files, each with its kid")
    @APIResponse(responseCode = "200", description = "The JWK set; empty when license files are off")
    public Response keys() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(CACHE_SECONDS);
        return Response.ok(keys.publicJwks()).cacheControl(cache).build();
    }
}
