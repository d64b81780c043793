package io.hybridlicense.license.policy;

import io.hybridlicense.auth.api.ApiKeyScope;
import io.hybridlicense.auth.api.ApiScope;
import io.hybridlicense.auth.api.UserView;
import io.hybridlicense.license.ETags;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Admins keep the plan catalogue: each plan names a policy; one is the default of self-registration. */
@RegisterForReflection(targets = PolicyResponses.PlanView.class)
@Path("/api/v1/admin/plans")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserView.ROLE_ADMIN)
@APIResponse(responseCode = "401", description = "Not signed in", content = @Content(mediaType = "application/problem+json"))
@APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = "application/problem+json"))
class AdminPlanResource {

    private final Plans plans;
    private final JsonWebToken caller;

    AdminPlanResource(Plans plans, JsonWebToken caller) {
        this.plans = plans;
        this.caller = caller;
    }

    @GET
    @APIResponse(responseCode = "200", description = "Every plan, its policy and how many users are on it")
    @ApiKeyScope(ApiScope.LICENSES_READ)
    public List<PolicyResponses.PlanView> list() {
        return plans.list();
    }

    @GET
    @Path("/{code}")
    @APIResponse(responseCode = "200", description = "The plan; ETag = its version",
            content = @Content(schema = @Schema(implementation = PolicyResponses.PlanView.class)))
    @APIResponse(responseCode = "404", description = "No such plan", content = @Content(mediaType = "application/problem+json"))
    @ApiKeyScope(ApiScope.LICENSES_READ)
    public Response one(@PathParam("code") String code) {
        return withETag(Response.ok(), plans.find(code));
    }

    @POST
    @APIResponse(responseCode = "201", description = "Created; ETag = its version",
            content = @Content(schema = @Schema(implementation = PolicyResponses.PlanView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body or code", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "The catalogue has this plan", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "No such policy", content = @Content(mediaType = "application/problem+json"))
    @ApiKeyScope(ApiScope.LICENSES_WRITE)
    public Response create(@Valid @NotNull PolicyRequests.NewPlan body) {
        PolicyResponses.PlanView plan = plans.create(body.code(), body.policyId(), Boolean.TRUE.equals(body.isDefault()), actor());
        return withETag(Response.created(URI.create("/api/v1/admin/plans/" + plan.code())), plan);
    }

    @PUT
    @Path("/{code}")
    @APIResponse(responseCode = "200", description = "Changed",
            content = @Content(schema = @Schema(implementation = PolicyResponses.PlanView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such plan", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "The new policy has fewer seats than a user on the plan has live licenses, or the default would be unset",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "No such policy", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = "application/problem+json"))
    @ApiKeyScope(ApiScope.LICENSES_WRITE)
    public Response update(@PathParam("code") String code, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull PolicyRequests.PlanBody body) {
        return withETag(Response.ok(), plans.update(code, ETags.versionIn(ifMatch), body.policyId(), body.isDefault(), actor()));
    }

    @DELETE
    @Path("/{code}")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such plan", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "Users are on it, or it is the default", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = "application/problem+json"))
    @ApiKeyScope(ApiScope.LICENSES_WRITE)
    public Response delete(@PathParam("code") String code, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        plans.delete(code, ETags.versionIn(ifMatch), actor());
        return Response.noContent().build();
    }

    private UUID actor() {
        return UUID.fromString(caller.getSubject());
    }

    private static Response withETag(Response.ResponseBuilder response, PolicyResponses.PlanView plan) {
        return response.entity(plan).header(HttpHeaders.ETAG, ETags.of(plan.version())).build();
    }
}
