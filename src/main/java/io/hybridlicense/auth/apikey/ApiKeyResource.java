package io.hybridlicense.auth.apikey;

import io.hybridlicense.auth.api.ApiKeyView;
import io.hybridlicense.auth.api.CreatedApiKey;
import io.hybridlicense.auth.api.UserView;
import io.quarkus.runtime.annotations.RegisterForReflection;
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
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** A user's keys for their own resources. */
/* Bodies wrapped in a Response are invisible to the native build's reflection analysis. */
@RegisterForReflection(targets = {CreatedApiKey.class, ApiKeyView.class})
@Path("/api/v1/api-keys")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserView.ROLE_USER)
@KeysWithinOwnScopes
class ApiKeyResource {

    private final CreateApiKey create;
    private final RevokeApiKey revoke;
    private final JsonWebToken caller;
    private final SecurityIdentity identity;

    ApiKeyResource(CreateApiKey create, RevokeApiKey revoke, JsonWebToken caller, SecurityIdentity identity) {
        this.create = create;
        this.revoke = revoke;
        this.caller = caller;
        this.identity = identity;
    }

    @POST
    public Response create(@Valid @NotNull ApiKeyRequests.NewKey request) {
        return created(create.create(new CreateApiKeyCommand(callerId(), false, request.name(), request.scopes(),
                request.expiresAt(), CallingKey.of(identity))));
    }

    @GET
    public List<ApiKeyView> list() {
        return ApiKeyQueries.listed(callerId(), false);
    }

    @DELETE
    @Path("/{id}")
    public Response revoke(@PathParam("id") UUID id) {
        revoke.revoke(id, callerId(), false, CallingKey.of(identity));
        return Response.noContent().build();
    }

    private UUID callerId() {
        return UUID.fromString(caller.getSubject());
    }

    /** The secret is in this answer only: nothing on the way may keep it. */
    static Response created(CreatedApiKey key) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status(Response.Status.CREATED).entity(key).cacheControl(noStore).build();
    }
}
