package io.hybridlicense.webhooks.endpoint;

import io.hybridlicense.auth.api.ApiKeyScope;
import io.hybridlicense.auth.api.ApiScope;
import io.hybridlicense.auth.api.Caller;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Webhook endpoints: {@code /api/v1/admin/webhooks} for admins (endpoints hearing every user's events,
 * and every endpoint to manage), {@code /api/v1/webhooks} for a user's own (their events only).
 */
@Path("/api/v1")
@ApiKeyScope(ApiScope.WEBHOOKS_MANAGE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Not signed in", content = @Content(mediaType = "application/problem+json"))
@APIResponse(responseCode = "403", description = "An admin path, and not an admin", content = @Content(mediaType = "application/problem+json"))
class EndpointResource {

    private final JsonWebToken token;
    private final ManageEndpoints manage;

    EndpointResource(JsonWebToken token, ManageEndpoints manage) {
        this.token = token;
        this.manage = manage;
    }

    @POST
    @Path("/admin/webhooks")
    @RolesAllowed("admin")
    @APIResponse(responseCode = "201", description = "Registered; the answer holds the signing secret, shown only here", content = @Content(schema = @Schema(implementation = EndpointResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed body, or a host the address policy (hl.webhooks.allowed-hosts) refuses", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "Not https (or http where allowed), user info or fragment in the URL, or an unknown event type", content = @Content(mediaType = "application/problem+json"))
    public Response createForAdmins(@Valid @NotNull EndpointRequest request) {
        return created("/api/v1/admin/webhooks/", manage.register(scope(true), request));
    }

    @POST
    @Path("/webhooks")
    @RolesAllowed({"user", "admin"})
    @APIResponse(responseCode = "201", description = "Registered; the answer holds the signing secret, shown only here", content = @Content(schema = @Schema(implementation = EndpointResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed body, or a host the address policy (hl.webhooks.allowed-hosts) refuses", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "Not https (or http where allowed), user info or fragment in the URL, or an unknown event type", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "endpoint-limit-reached: you have hl.webhooks.max-endpoints-per-user endpoints already", content = @Content(mediaType = "application/problem+json"))
    public Response create(@Valid @NotNull EndpointRequest request) {
        return created("/api/v1/webhooks/", manage.register(scope(false), request));
    }

    @GET
    @Path("/admin/webhooks")
    @RolesAllowed("admin")
    public List<EndpointResponse> listForAdmins() {
        return manage.list(scope(true));
    }

    @GET
    @Path("/webhooks")
    @RolesAllowed({"user", "admin"})
    public List<EndpointResponse> list() {
        return manage.list(scope(false));
    }

    @GET
    @Path("/admin/webhooks/{id}")
    @RolesAllowed("admin")
    @APIResponse(responseCode = "404", description = "No such endpoint, or not yours", content = @Content(mediaType = "application/problem+json"))
    public EndpointResponse getForAdmins(@PathParam("id") UUID id) {
        return EndpointResponse.of(manage.get(scope(true), id));
    }

    @GET
    @Path("/webhooks/{id}")
    @RolesAllowed({"user", "admin"})
    @APIResponse(responseCode = "404", description = "No such endpoint, or not yours", content = @Content(mediaType = "application/problem+json"))
    public EndpointResponse get(@PathParam("id") UUID id) {
        return EndpointResponse.of(manage.get(scope(false), id));
    }

    @PUT
    @Path("/admin/webhooks/{id}")
    @RolesAllowed("admin")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = EndpointResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed body, or a host the address policy (hl.webhooks.allowed-hosts) refuses", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "Not https (or http where allowed), user info or fragment in the URL, or an unknown event type", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such endpoint, or not yours", content = @Content(mediaType = "application/problem+json"))
    public EndpointResponse updateForAdmins(@PathParam("id") UUID id, @Valid @NotNull EndpointRequest request) {
        return manage.update(scope(true), id, request);
    }

    @PUT
    @Path("/webhooks/{id}")
    @RolesAllowed({"user", "admin"})
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = EndpointResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed body, or a host the address policy (hl.webhooks.allowed-hosts) refuses", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "Not https (or http where allowed), user info or fragment in the URL, or an unknown event type", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such endpoint, or not yours", content = @Content(mediaType = "application/problem+json"))
    public EndpointResponse update(@PathParam("id") UUID id, @Valid @NotNull EndpointRequest request) {
        return manage.update(scope(false), id, request);
    }

    @POST
    @Path("/admin/webhooks/{id}/enable")
    @RolesAllowed("admin")
    @APIResponse(responseCode = "404", description = "No such endpoint, or not yours", content = @Content(mediaType = "application/problem+json"))
    public EndpointResponse enableForAdmins(@PathParam("id") UUID id) {
        return manage.setEnabled(scope(true), id, true);
    }

    @POST
    @Path("/webhooks/{id}/enable")
    @RolesAllowed({"user", "admin"})
    @APIResponse(responseCode = "404", description = "No such endpoint, or not yours", content = @Content(mediaType = "application/problem+json"))
    public EndpointResponse enable(@PathParam("id") UUID id) {
        return manage.setEnabled(scope(false), id, true);
    }

    @POST
    @Path("/admin/webhooks/{id}/disable")
    @RolesAllowed("admin")
    @APIResponse(responseCode = "404", description = "No such endpoint, or not yours", content = @Content(mediaType = "application/problem+json"))
    public EndpointResponse disableForAdmins(@PathParam("id") UUID id) {
        return manage.setEnabled(scope(true), id, false);
    }

    @POST
    @Path("/webhooks/{id}/disable")
    @RolesAllowed({"user", "admin"})
    @APIResponse(responseCode = "404", description = "No such endpoint, or not yours", content = @Content(mediaType = "application/problem+json"))
    public EndpointResponse disable(@PathParam("id") UUID id) {
        return manage.setEnabled(scope(false), id, false);
    }

    @POST
    @Path("/admin/webhooks/{id}/rotate-secret")
    @RolesAllowed("admin")
    @APIResponse(responseCode = "200", description = "Rotated; the answer holds the new secret (the old one signs beside it for 24 h)", content = @Content(schema = @Schema(implementation = EndpointResponse.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint, or not yours", content = @Content(mediaType = "application/problem+json"))
    public EndpointResponse rotateForAdmins(@PathParam("id") UUID id) {
        return manage.rotate(scope(true), id);
    }

    @POST
    @Path("/webhooks/{id}/rotate-secret")
    @RolesAllowed({"user", "admin"})
    @APIResponse(responseCode = "200", description = "Rotated; the answer holds the new secret (the old one signs beside it for 24 h)", content = @Content(schema = @Schema(implementation = EndpointResponse.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint, or not yours", content = @Content(mediaType = "application/problem+json"))
    public EndpointResponse rotate(@PathParam("id") UUID id) {
        return manage.rotate(scope(false), id);
    }

    @DELETE
    @Path("/admin/webhooks/{id}")
    @RolesAllowed("admin")
    @APIResponse(responseCode = "204", description = "Deleted, with its deliveries")
    @APIResponse(responseCode = "404", description = "No such endpoint, or not yours", content = @Content(mediaType = "application/problem+json"))
    public Response deleteForAdmins(@PathParam("id") UUID id) {
        manage.delete(scope(true), id);
        return Response.noContent().build();
    }

    @DELETE
    @Path("/webhooks/{id}")
    @RolesAllowed({"user", "admin"})
    @APIResponse(responseCode = "204", description = "Deleted, with its deliveries")
    @APIResponse(responseCode = "404", description = "No such endpoint, or not yours", content = @Content(mediaType = "application/problem+json"))
    public Response delete(@PathParam("id") UUID id) {
        manage.delete(scope(false), id);
        return Response.noContent().build();
    }

    private ManageEndpoints.Scope scope(boolean adminEndpoints) {
        return new ManageEndpoints.Scope(Caller.of(token), adminEndpoints);
    }

    private static Response created(String base, EndpointResponse endpoint) {
        return Response.created(URI.create(base + endpoint.id())).entity(endpoint).build();
    }
}
