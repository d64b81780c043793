package io.hybridlicense.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

/** A test-only endpoint that exercises the error mapping the way module resources do. */
@Path("/test-probe")
public class ErrorProbeResource {

    public record ProbeRequest(@NotBlank @Email String email, @NotBlank @Size(max = 16) String secret, Integer count) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public ProbeRequest echo(@Valid @NotNull ProbeRequest request) {
        return request;
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("internal detail that must not leak: db password hunter2");
    }
}
