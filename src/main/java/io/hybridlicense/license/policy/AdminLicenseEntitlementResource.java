package io.hybridlicense.license.policy;

import io.hybridlicense.auth.api.ApiKeyScope;
import io.hybridlicense.auth.api.ApiScope;
import io.hybridlicense.auth.api.UserView;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Admins grant entitlements to one license on top of its policy's. */
@RegisterForReflection(targets = PolicyResponses.LicenseEntitlements.class)
@Path("/api/v1/admin/licenses/{id}/entitlements")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserView.ROLE_ADMIN)
@APIResponse(responseCode = "401", description = "Not signed in", content = @Content(mediaType = "application/problem+json"))
@APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = "application/problem+json"))
class AdminLicenseEntitlementResource {

    private final Entitlements entitlements;
    private final JsonWebToken caller;

    AdminLicenseEntitlementResource(Entitlements entitlements, JsonWebToken caller) {
        this.entitlements = entitlements;
        this.caller = caller;
    }

    @GET
    @APIResponse(responseCode = "200", description = "The codes granted to the license and its effective entitlements",
            content = @Content(schema = @Schema(implementation = PolicyResponses.LicenseEntitlements.class)))
    @APIResponse(responseCode = "404", description = "No such license", content = @Content(mediaType = "application/problem+json"))
    @ApiKeyScope(ApiScope.LICENSES_READ)
    public PolicyResponses.LicenseEntitlements ofLicense(@PathParam("id") UUID licenseId) {
        return view(licenseId, entitlements.termsOf(licenseId).orElseThrow(() -> ProblemException.notFound("The license")));
    }

    @PUT
    @APIResponse(responseCode = "200", description = "Granted (replacing the codes granted before); the next validation sees them",
            content = @Content(schema = @Schema(implementation = PolicyResponses.LicenseEntitlements.class)))
    @APIResponse(responseCode = "400", description = "Malformed body", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such license", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "A code is malformed or not in the catalogue", content = @Content(mediaType = "application/problem+json"))
    @ApiKeyScope(ApiScope.LICENSES_WRITE)
    public PolicyResponses.LicenseEntitlements grant(@PathParam("id") UUID licenseId, @Valid @NotNull PolicyRequests.Grants body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> codes = PolicyRequests.codes("entitlements", body.entitlements(), errors);
        if (!errors.isEmpty()) {
            throw PolicyRequests.unprocessable(errors);
        }
        return view(licenseId, entitlements.grant(licenseId, codes, actor()));
    }

    private static PolicyResponses.LicenseEntitlements view(UUID licenseId, Entitlements.LicenseTerms terms) {
        return new PolicyResponses.LicenseEntitlements(licenseId, List.copyOf(terms.granted()), List.copyOf(terms.entitlements()));
    }

    private UUID actor() {
        return UUID.fromString(caller.getSubject());
    }
}
