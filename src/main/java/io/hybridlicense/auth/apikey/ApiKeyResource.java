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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * A user's keys for their own resources ({@code /api/v1/api-keys}), and the back office's
 * ({@code /api/v1/admin/api-keys}): an admin creates them (owned by that admin, carrying the admin role while
 * the owner is one); every admin sees and may revoke all of them, so a departing admin's keys are not stranded.
 */
/* Bodies wrapped in a Response are invisible to the native build's reflection analysis. */
@RegisterForReflection(targets = {CreatedApiKey.class, ApiKeyView.class})
@Path("/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@KeysWithinOwnScopes
@APIResponse(responseCode = "401", description = "Not signed in, or an invalid, revoked or expired key", content = @Content(mediaType = "application/problem+json"))
@APIResponse(responseCode = "429", description = "Too many failed key checks from this address", content = @Content(mediaType = "application/problem+json"))
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
    @Path("/api-keys")
    @RolesAllowed(UserView.ROLE_USER)
    @APIResponse(responseCode = "201", description = "Created; the secret is in this answer only",
            content = @Content(schema = @Schema(implementation = CreatedApiKey.class)))
    @APIResponse(responseCode = "400", description = "Malformed body", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "403", description = "scope-not-allowed (a scope the caller cannot give, or its key lacks), expiry-not-allowed", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "too-many-api-keys", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "unknown-scope, no-scope, expiry-not-in-future, invalid-name", content = @Content(mediaType = "application/problem+json"))
    public Response create(@Valid @NotNull ApiKeyRequests.NewKey request) {
        return created(request, false);
    }

    @GET
    @Path("/api-keys")
    @RolesAllowed(UserView.ROLE_USER)
    @APIResponse(responseCode = "200", description = "The keys, newest first; never a secret")
    public List<ApiKeyView> list() {
        return ApiKeyQueries.listed(callerId(), false);
    }

    @DELETE
    @Path("/api-keys/{id}")
    @RolesAllowed(UserView.ROLE_USER)
    @APIResponse(responseCode = "204", description = "Revoked (or was already)")
    @APIResponse(responseCode = "403", description = "scope-not-allowed: asked with a key that lacks one of the target's scopes", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such key of the caller's", content = @Content(mediaType = "application/problem+json"))
    public Response revoke(@PathParam("id") UUID id) {
        return revoked(id, false);
    }

    @POST
    @Path("/admin/api-keys")
    @RolesAllowed(UserView.ROLE_ADMIN)
    @APIResponse(responseCode = "201", description = "Created; the secret is in this answer only",
            content = @Content(schema = @Schema(implementation = CreatedApiKey.class)))
    @APIResponse(responseCode = "400", description = "Malformed body", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "403", description = "scope-not-allowed (a scope the caller cannot give, or its key lacks), expiry-not-allowed", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "too-many-api-keys", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "unknown-scope, no-scope, expiry-not-in-future, invalid-name", content = @Content(mediaType = "application/problem+json"))
    public Response createBackOffice(@Valid @NotNull ApiKeyRequests.NewKey request) {
        return created(request, true);
    }

    @GET
    @Path("/admin/api-keys")
    @RolesAllowed(UserView.ROLE_ADMIN)
    @APIResponse(responseCode = "200", description = "The keys, newest first; never a secret")
    public List<ApiKeyView> listBackOffice() {
        return ApiKeyQueries.listed(callerId(), true);
    }

    @DELETE
    @Path("/admin/api-keys/{id}")
    @RolesAllowed(UserView.ROLE_ADMIN)
    @APIResponse(responseCode = "204", description = "Revoked (or was already)")
    @APIResponse(responseCode = "403", description = "scope-not-allowed: asked with a key that lacks one of the target's scopes", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such key of the caller's", content = @Content(mediaType = "application/problem+json"))
    public Response revokeBackOffice(@PathParam("id") UUID id) {
        return revoked(id, true);
    }

    /** The secret is in this answer only: nothing on the way may keep it. */
    private Response created(ApiKeyRequests.NewKey request, boolean backOffice) {
        CreatedApiKey key = create.create(new CreateApiKeyCommand(callerId(), backOffice, request.name(), request.scopes(),
                request.expiresAt(), CallingKey.of(identity)));
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status(Response.Status.CREATED).entity(key).cacheControl(noStore).build();
    }

    private Response revoked(UUID id, boolean backOffice) {
        revoke.revoke(id, callerId(), backOffice, CallingKey.of(identity));
        return Response.noContent().build();
    }

    private UUID callerId() {
        return UUID.fromString(caller.getSubject());
    }
}
