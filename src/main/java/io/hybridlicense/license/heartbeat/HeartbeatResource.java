package io.hybridlicense.license.heartbeat;

import io.hybridlicense.license.LicenseRequests;
import io.hybridlicense.shared.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code POST /api/v1/licenses/heartbeat}: a machine says it is alive; its license token authenticates it. */
@Path("/api/v1/licenses/heartbeat")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
class HeartbeatResource {

    /** @param token the license token returned at activation */
    record HeartbeatRequest(@NotBlank @Size(max = LicenseRequests.MAX_TOKEN) String token) {
    }

    /** @param nextBefore send the next heartbeat before this instant */
    record HeartbeatResponse(Instant nextBefore) {
    }

    private final PingMachine pings;

    HeartbeatResource(PingMachine pings) {
        this.pings = pings;
    }

    @POST
    @PermitAll
    @Operation(summary = "A machine's heartbeat", description = "Keeps the machine alive under a policy that requires"
            + " heartbeats; revives a machine culled within the policy's resurrection window if a seat is free.")
    @APIResponse(responseCode = "200", description = "Recorded; send the next one before nextBefore")
    @APIResponse(responseCode = "400", description = "invalid-request / malformed-json", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "invalid-token: not a license token of this server", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "seat-limit-reached: culled, within the resurrection window, but no seat is free",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "not-found: the token names no license", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "heartbeat-not-required (the license's policy requires none),"
            + " license-not-live (revoked, expired, deactivated, or culled past the resurrection window),"
            + " client-id-taken (culled, and its client id activated again meanwhile)", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "server-busy: the heartbeat could not be recorded in time; retry (Retry-After)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HeartbeatResponse heartbeat(@Valid @NotNull HeartbeatRequest request) {
        return new HeartbeatResponse(pings.ping(request.token()));
    }
}
