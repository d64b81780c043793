package io.hybridlicense.webhooks.endpoint;

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

/**
 * Webhook endpoints: {@code /api/v1/admin/webhooks} for admins (endpoints hearing every user's events,
 * and every endpoint to manage), {@code /api/v1/webhooks} for a user's own (their events only).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
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
    public Response createForAdmins(@Valid @NotNull EndpointRequest request) {
        return created("/api/v1/admin/webhooks/", manage.register(scope(true), request));
    }

    @POST
    @Path("/webhooks")
    @RolesAllowed({"user", "admin"})
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
    public EndpointResponse getForAdmins(@PathParam("id") UUID id) {
        return EndpointResponse.of(manage.get(scope(true), id));
    }

    @GET
    @Path("/webhooks/{id}")
    @RolesAllowed({"user", "admin"})
    public EndpointResponse get(@PathParam("id") UUID id) {
        return EndpointResponse.of(manage.get(scope(false), id));
    }

    @PUT
    @Path("/admin/webhooks/{id}")
    @RolesAllowed("admin")
    public EndpointResponse updateForAdmins(@PathParam("id") UUID id, @Valid @NotNull EndpointRequest request) {
        return manage.update(scope(true), id, request);
    }

    @PUT
    @Path("/webhooks/{id}")
    @RolesAllowed({"user", "admin"})
    public EndpointResponse update(@PathParam("id") UUID id, @Valid @NotNull EndpointRequest request) {
        return manage.update(scope(false), id, request);
    }

    @POST
    @Path("/admin/webhooks/{id}/enable")
    @RolesAllowed("admin")
    public EndpointResponse enableForAdmins(@PathParam("id") UUID id) {
        return manage.setEnabled(scope(true), id, true);
    }

    @POST
    @Path("/webhooks/{id}/enable")
    @RolesAllowed({"user", "admin"})
    public EndpointResponse enable(@PathParam("id") UUID id) {
        return manage.setEnabled(scope(false), id, true);
    }

    @POST
    @Path("/admin/webhooks/{id}/disable")
    @RolesAllowed("admin")
    public EndpointResponse disableForAdmins(@PathParam("id") UUID id) {
        return manage.setEnabled(scope(true), id, false);
    }

    @POST
    @Path("/webhooks/{id}/disable")
    @RolesAllowed({"user", "admin"})
    public EndpointResponse disable(@PathParam("id") UUID id) {
        return manage.setEnabled(scope(false), id, false);
    }

    @POST
    @Path("/admin/webhooks/{id}/rotate-secret")
    @RolesAllowed("admin")
    public EndpointResponse rotateForAdmins(@PathParam("id") UUID id) {
        return manage.rotate(scope(true), id);
    }

    @POST
    @Path("/webhooks/{id}/rotate-secret")
    @RolesAllowed({"user", "admin"})
    public EndpointResponse rotate(@PathParam("id") UUID id) {
        return manage.rotate(scope(false), id);
    }

    @DELETE
    @Path("/admin/webhooks/{id}")
    @RolesAllowed("admin")
    public Response deleteForAdmins(@PathParam("id") UUID id) {
        manage.delete(scope(true), id);
        return Response.noContent().build();
    }

    @DELETE
    @Path("/webhooks/{id}")
    @RolesAllowed({"user", "admin"})
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
