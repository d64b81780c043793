package io.hybridlicense.webhooks.delivery;

import io.hybridlicense.auth.api.Caller;
import io.hybridlicense.webhooks.endpoint.ManageEndpoints;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** An endpoint's deliveries, redelivery by hand and the test event, under the admins' and the users' paths. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
class DeliveryResource {

    private final JsonWebToken token;
    private final ManageDeliveries manage;

    DeliveryResource(JsonWebToken token, ManageDeliveries manage) {
        this.token = token;
        this.manage = manage;
    }

    @GET
    @Path("/admin/webhooks/{id}/deliveries")
    @RolesAllowed("admin")
    public List<DeliveryResponse> listForAdmins(@PathParam("id") UUID id, @QueryParam("status") String status,
                                                @QueryParam("limit") @DefaultValue("100") int limit) {
        return manage.list(scope(true), id, status, limit);
    }

    @GET
    @Path("/webhooks/{id}/deliveries")
    @RolesAllowed({"user", "admin"})
    public List<DeliveryResponse> list(@PathParam("id") UUID id, @QueryParam("status") String status,
                                       @QueryParam("limit") @DefaultValue("100") int limit) {
        return manage.list(scope(false), id, status, limit);
    }

    @POST
    @Path("/admin/webhooks/{id}/deliveries/{delivery}/redeliver")
    @RolesAllowed("admin")
    public Response redeliverForAdmins(@PathParam("id") UUID id, @PathParam("delivery") UUID delivery) {
        return Response.accepted(manage.redeliver(scope(true), id, delivery)).build();
    }

    @POST
    @Path("/webhooks/{id}/deliveries/{delivery}/redeliver")
    @RolesAllowed({"user", "admin"})
    public Response redeliver(@PathParam("id") UUID id, @PathParam("delivery") UUID delivery) {
        return Response.accepted(manage.redeliver(scope(false), id, delivery)).build();
    }

    @POST
    @Path("/admin/webhooks/{id}/test")
    @RolesAllowed("admin")
    public Response testForAdmins(@PathParam("id") UUID id) {
        return Response.accepted(manage.sendTest(scope(true), id)).build();
    }

    @POST
    @Path("/webhooks/{id}/test")
    @RolesAllowed({"user", "admin"})
    public Response test(@PathParam("id") UUID id) {
        return Response.accepted(manage.sendTest(scope(false), id)).build();
    }

    private ManageEndpoints.Scope scope(boolean adminEndpoints) {
        return new ManageEndpoints.Scope(Caller.of(token), adminEndpoints);
    }
}
