package io.hybridlicense.auth.apikey;

import io.hybridlicense.auth.api.ApiKeyView;
import io.hybridlicense.auth.api.UserView;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Back-office keys: an admin creates them (owned by that admin, carrying the admin role while the owner
 * is one); every admin sees and may revoke all of them (a departing admin's keys are not stranded).
 */
@Path("/api/v1/admin/api-keys")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserView.ROLE_ADMIN)
@KeysWithinOwnScopes
class AdminApiKeyResource {

    private final CreateApiKey create;
    private final RevokeApiKey revoke;
    private final JsonWebToken caller;
    private final SecurityIdentity identity;

    AdminApiKeyResource(CreateApiKey create, RevokeApiKey revoke, JsonWebToken caller, SecurityIdentity identity) {
        this.create = create;
        this.revoke = revoke;
        this.caller = caller;
        this.identity = identity;
    }

    @POST
    public Response create(@Valid @NotNull ApiKeyRequests.NewKey request) {
        return ApiKeyResource.created(create.create(new CreateApiKeyCommand(callerId(), true, request.name(),
                request.scopes(), request.expiresAt(), CallingKey.of(identity))));
    }

    @GET
    public List<ApiKeyView> list() {
        return ApiKeyQueries.listed(callerId(), true);
    }

    @DELETE
    @Path("/{id}")
    public Response revoke(@PathParam("id") UUID id) {
        revoke.revoke(id, callerId(), true, CallingKey.of(identity));
        return Response.noContent().build();
    }

    private UUID callerId() {
        return UUID.fromString(caller.getSubject());
    }
}
