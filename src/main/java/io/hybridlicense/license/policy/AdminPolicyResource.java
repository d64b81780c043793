package io.hybridlicense.license.policy;

import io.hybridlicense.auth.api.ApiKeyScope;
import io.hybridlicense.auth.api.ApiScope;
import io.hybridlicense.auth.api.UserView;
import io.hybridlicense.license.ETags;
import io.hybridlicense.license.api.PolicyView;
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

/** Admins manage the policies licenses live by; every change is audited and applies at the next validation. */
@RegisterForReflection(targets = PolicyView.class)
@Path("/api/v1/admin/policies")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserView.ROLE_ADMIN)
@APIResponse(responseCode = "401", description = "Not signed in", content = @Content(mediaType = "application/problem+json"))
@APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = "application/problem+json"))
class AdminPolicyResource {

    private final Policies policies;
    private final JsonWebToken caller;

    AdminPolicyResource(Policies policies, JsonWebToken caller) {
        this.policies = policies;
        this.caller = caller;
    }

    @GET
    @APIResponse(responseCode = "200", description = "Every policy, with the plans using it and their live licenses")
    @ApiKeyScope(ApiScope.LICENSES_READ)
    public List<PolicyView> list() {
        return policies.list();
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The policy; ETag = its version",
            content = @Content(schema = @Schema(implementation = PolicyView.class)))
    @APIResponse(responseCode = "404", description = "No such policy", content = @Content(mediaType = "application/problem+json"))
    @ApiKeyScope(ApiScope.LICENSES_READ)
    public Response one(@PathParam("id") UUID id) {
        return withETag(Response.ok(), policies.find(id));
    }

    @POST
    @APIResponse(responseCode = "201", description = "Created; ETag = its version",
            content = @Content(schema = @Schema(implementation = PolicyView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "Another policy has this name", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "A duration is not ISO-8601 or out of range, or an entitlement is not in the catalogue",
            content = @Content(mediaType = "application/problem+json"))
    @ApiKeyScope(ApiScope.LICENSES_WRITE)
    public Response create(@Valid @NotNull PolicyRequests.PolicyBody body) {
        PolicyView created = policies.create(body.terms(), actor());
        return withETag(Response.created(URI.create("/api/v1/admin/policies/" + created.id())), created);
    }

    @PUT
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "Changed; every license under it sees it at its next validation",
            content = @Content(schema = @Schema(implementation = PolicyView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such policy", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "Fewer seats than a user under it has live licenses (the count is named), or the name is taken",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "A duration is not ISO-8601 or out of range, or an entitlement is not in the catalogue",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = "application/problem+json"))
    @ApiKeyScope(ApiScope.LICENSES_WRITE)
    public Response update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull PolicyRequests.PolicyBody body) {
        return withETag(Response.ok(), policies.update(id, ETags.versionIn(ifMatch), body.terms(), actor()));
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such policy", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "A plan names it", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "412", description = "If-Match names another version", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "428", description = "If-Match is missing", content = @Content(mediaType = "application/problem+json"))
    @ApiKeyScope(ApiScope.LICENSES_WRITE)
    public Response delete(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        policies.delete(id, ETags.versionIn(ifMatch), actor());
        return Response.noContent().build();
    }

    private UUID actor() {
        return UUID.fromString(caller.getSubject());
    }

    private static Response withETag(Response.ResponseBuilder response, PolicyView policy) {
        return response.entity(policy).header(HttpHeaders.ETAG, ETags.of(policy.version())).build();
    }
}
