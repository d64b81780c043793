package io.hybridlicense.license.offline;

import io.hybridlicense.auth.api.UserView;
import io.hybridlicense.auth.api.VerifiedToken;
import io.hybridlicense.license.LicenseTokens;
import io.hybridlicense.shared.Problem;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /api/v1/licenses/{id}/checkout}: a signed offline license file. The caller is the license's
 * owner or an admin (access token), or the client holding the license's own token as bearer token, which
 * is checked here first, as validate checks it, so that it never reaches the access-token authentication.
 */
@Path("/api/v1/licenses/{id}/checkout")
@PermitAll
class CheckoutResource {

    static final String MEDIA_TYPE = "application/x-hybrid-license-file";
    private static final String BEARER = "Bearer ";

    private final CheckoutLicenseFile checkout;
    private final LicenseTokens licenseTokens;
    private final SecurityIdentity identity;

    CheckoutResource(CheckoutLicenseFile checkout, LicenseTokens licenseTokens, SecurityIdentity identity) {
        this.checkout = checkout;
        this.licenseTokens = licenseTokens;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MEDIA_TYPE, MediaType.TEXT_PLAIN})
    @Operation(summary = "Check out a signed offline license file (docs/license-files.md)",
            description = "For the license's owner or an admin (access token), or with the license's own token as bearer token.")
    @APIResponse(responseCode = "200", description = "The armored license file",
            content = @Content(mediaType = MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "401", description = "No valid access token or license token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such license, or not the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "license-not-active: the license is revoked, suspended, deactivated or "
            + "expired; no-file-secret: encrypt=true for a license without a file secret",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "invalid-ttl: ttl is not an ISO-8601 duration from PT1H to P365D",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "license-files-off: the server has no license file keys",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response checkout(@PathParam("id") UUID id,
                             @Parameter(description = "ISO-8601 duration, PT1H to P365D; default: the license policy's offlineTtl (P30D unless an admin changed it)") @QueryParam("ttl") String ttl,
                             @Parameter(description = "encrypt for the license's machine (aes-256-gcm+ed25519)")
                             @QueryParam("encrypt") boolean encrypt,
                             @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        var lifetime = CheckoutLicenseFile.ttl(ttl);
        String file = checkout.checkout(id, holder(authorization), lifetime, encrypt);
        return Response.ok(file, MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"license-" + id + ".lic\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    private CheckoutLicenseFile.Holder holder(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            VerifiedToken token = licenseTokens.verify(authorization.substring(BEARER.length()).strip());
            if (token.state() == VerifiedToken.State.VALID) {
                UUID licenseId = parse(token.claim(LicenseTokens.LICENSE_ID));
                if (licenseId != null) {
                    return new CheckoutLicenseFile.Holder(null, false, licenseId, token.claim(LicenseTokens.CLIENT_ID));
                }
            }
        }
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getSubject() == null) {
            throw new UnauthorizedException();
        }
        return new CheckoutLicenseFile.Holder(UUID.fromString(jwt.getSubject()), identity.hasRole(UserView.ROLE_ADMIN), null, null);
    }

    private static UUID parse(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
