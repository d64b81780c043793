package io.hybridlicense.webhooks.delivery;

import io.hybridlicense.auth.api.ApiKeyScope;
import io.hybridlicense.auth.api.ApiScope;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** An endpoint's deliveries, redelivery by hand and the test event, under the admins' and the users' paths. */
@Path("/api/v1")
@ApiKeyScope(ApiScope.WEBHOOKS_MANAGE)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Not signed in", content = @Content(mediaType = "application/problem+json"))
@APIResponse(responseCode = "403", description = "An admin path, and not an admin", content = @Content(mediaType = "application/problem+json"))
@APIResponse(responseCode = "404", description = "No such endpoint or delivery, or not yours", content = @Content(mediaType = "application/problem+json"))
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
    @APIResponse(responseCode = "400", description = "Unknown status", content = @Content(mediaType = "application/problem+json"))
    public List<DeliveryResponse> listForAdmins(@PathParam("id") UUID id, @QueryParam("status") String status,
                                                @QueryParam("limit") @DefaultValue("100") int limit) {
        return manage.list(scope(true), id, status, limit);
    }

    @GET
    @Path("/webhooks/{id}/deliveries")
    @RolesAllowed({"user", "admin"})
    @APIResponse(responseCode = "400", description = "Unknown status", content = @Content(mediaType = "application/problem+json"))
    public List<DeliveryResponse> list(@PathParam("id") UUID id, @QueryParam("status") String status,
                                       @QueryParam("limit") @DefaultValue("100") int limit) {
        return manage.list(scope(false), id, status, limit);
    }

    @POST
    @Path("/admin/webhooks/{id}/deliveries/{delivery}/redeliver")
    @RolesAllowed("admin")
    @APIResponse(responseCode = "202", description = "Due again now, same webhook-id, fresh attempts", content = @Content(schema = @Schema(implementation = DeliveryResponse.class)))
    @APIResponse(responseCode = "409", description = "An attempt of it is running", content = @Content(mediaType = "application/problem+json"))
    public Response redeliverForAdmins(@PathParam("id") UUID id, @PathParam("delivery") UUID delivery) {
        return Response.accepted(manage.redeliver(scope(true), id, delivery)).build();
    }

    @POST
    @Path("/webhooks/{id}/deliveries/{delivery}/redeliver")
    @RolesAllowed({"user", "admin"})
    @APIResponse(responseCode = "202", description = "Due again now, same webhook-id, fresh attempts", content = @Content(schema = @Schema(implementation = DeliveryResponse.class)))
    @APIResponse(responseCode = "409", description = "An attempt of it is running", content = @Content(mediaType = "application/problem+json"))
    public Response redeliver(@PathParam("id") UUID id, @PathParam("delivery") UUID delivery) {
        return Response.accepted(manage.redeliver(scope(false), id, delivery)).build();
    }

    @POST
    @Path("/admin/webhooks/{id}/test")
    @RolesAllowed("admin")
    @APIResponse(responseCode = "202", description = "A webhook.test event queued for this endpoint", content = @Content(schema = @Schema(implementation = DeliveryResponse.class)))
    public Response testForAdmins(@PathParam("id") UUID id) {
        return Response.accepted(manage.sendTest(scope(true), id)).build();
    }

    @POST
    @Path("/webhooks/{id}/test")
    @RolesAllowed({"user", "admin"})
    @APIResponse(responseCode = "202", description = "A webhook.test event queued for this endpoint", content = @Content(schema = @Schema(implementation = DeliveryResponse.class)))
    public Response test(@PathParam("id") UUID id) {
        return Response.accepted(manage.sendTest(scope(false), id)).build();
    }

    private ManageEndpoints.Scope scope(boolean adminEndpoints) {
        return new ManageEndpoints.Scope(Caller.of(token), adminEndpoints);
    }
}
