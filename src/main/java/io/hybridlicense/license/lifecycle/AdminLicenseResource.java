package io.hybridlicense.license.lifecycle;

import io.hybridlicense.auth.api.ApiKeyScope;
import io.hybridlicense.auth.api.ApiScope;
import io.hybridlicense.auth.api.UserView;
import io.hybridlicense.license.LicenseRequests;
import io.hybridlicense.license.api.LicenseStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

@ApiKeyScope(ApiScope.LICENSES_WRITE)
@Path("/api/v1/admin/licenses")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserView.ROLE_ADMIN)
class AdminLicenseResource {

    static final int MAX_BATCH = 1000;

    private final BatchStatusUpdate batch;
    private final JsonWebToken token;

    AdminLicenseResource(BatchStatusUpdate batch, JsonWebToken token) {
        this.batch = batch;
        this.token = token;
    }

    @POST
    @Path("/status-batch")
    public List<LicenseResponses.BatchResult> statusBatch(
            @Valid @NotNull @NotEmpty @Size(max = MAX_BATCH) List<LicenseRequests.@Valid @NotNull BatchItem> items) {
        List<BatchStatusUpdate.Item> commands = items.stream()
                .map(item -> new BatchStatusUpdate.Item(item.licenseId(), LicenseStatus.of(item.status()), item.expectedVersion()))
                .toList();
        return batch.apply(commands, UUID.fromString(token.getSubject())).stream()
                .map(LicenseResponses.BatchResult::of).toList();
    }
}
