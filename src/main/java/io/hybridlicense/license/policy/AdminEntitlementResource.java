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

/** Admins keep the entitlement catalogue (codes attached to policies, or granted to single licenses). */
@RegisterForReflection(targets = PolicyResponses.EntitlementView.class)
@Path("/api/v1/admin/entitlements")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserView.ROLE_ADMIN)
@APIResponse(responseCode = "401", description = "Not signed in", content = @Content(mediaType = "application/problem+json"))
@APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = "application/problem+json"))
class AdminEntitlementResource {

    private final Entitlements entitlements;
    private final JsonWebToken caller;

    AdminEntitlementResource(Entitlements entitlements, JsonWebToken caller) {
        this.entitlements = entitlements;
        this.caller = caller;
    }

    @GET
    @APIResponse(responseCode = "200", description = "The catalogue, with how many policies and licenses carry each code")
    @ApiKeyScope(ApiScope.LICENSES_READ)
    public List<PolicyResponses.EntitlementView> list() {
        return entitlements.list();
    }

    @POST
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(schema = @Schema(implementation = PolicyResponses.EntitlementView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "The catalogue has this code", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "Not 1–64 characters a-z, 0-9 or -", content = @Content(mediaType = "application/problem+json"))
    @ApiKeyScope(ApiScope.LICENSES_WRITE)
    public Response create(@Valid @NotNull PolicyRequests.NewEntitlement body) {
        PolicyResponses.EntitlementView created = entitlements.create(body.code(), actor());
        return Response.created(URI.create("/api/v1/admin/entitlements/" + created.code())).entity(created).build();
    }

    @DELETE
    @Path("/{code}")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such code", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "A policy or a license carries it", content = @Content(mediaType = "application/problem+json"))
    @ApiKeyScope(ApiScope.LICENSES_WRITE)
    public Response delete(@PathParam("code") String code) {
        entitlements.delete(code, actor());
        return Response.noContent().build();
    }

    private UUID actor() {
        return UUID.fromString(caller.getSubject());
    }
}
