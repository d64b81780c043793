package io.hybridlicense.admin.reporting;

import io.hybridlicense.auth.api.ApiKeyScope;
import io.hybridlicense.auth.api.ApiScope;
import io.hybridlicense.admin.reporting.ReportingResponses.LicenseStats;
import io.hybridlicense.admin.reporting.ReportingResponses.PlanStats;
import io.hybridlicense.auth.api.UserView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/api/v1/admin/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserView.ROLE_ADMIN)
class AdminStatsResource {

    private final Reports reports;

    AdminStatsResource(Reports reports) {
        this.reports = reports;
    }

    @GET
    @Path("/users")
    @ApiKeyScope(ApiScope.USERS_READ)
    public List<PlanStats> users() {
        return reports.planStats();
    }

    @GET
    @Path("/licenses")
    @ApiKeyScope(ApiScope.LICENSES_READ)
    public LicenseStats licenses() {
        return reports.licenseStats();
    }
}
