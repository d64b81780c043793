package io.hybridlicense.admin.reporting;

import io.hybridlicense.auth.api.ApiKeyScope;
import io.hybridlicense.auth.api.ApiScope;
import io.hybridlicense.admin.reporting.ReportingResponses.Page;
import io.hybridlicense.admin.reporting.ReportingResponses.UserDetail;
import io.hybridlicense.admin.reporting.ReportingResponses.UserSummary;
import io.hybridlicense.auth.api.UserView;
import io.hybridlicense.shared.PlainText;
import io.hybridlicense.shared.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

@ApiKeyScope(ApiScope.USERS_READ)
@Path("/api/v1/admin/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserView.ROLE_ADMIN)
class AdminUsersResource {

    private final Reports reports;

    AdminUsersResource(Reports reports) {
        this.reports = reports;
    }

    @GET
    public Page<UserSummary> list(@QueryParam("query") @Size(max = 254) @PlainText String query,
                                  @QueryParam("cursor") @Size(max = 2048) String cursor,
                                  @QueryParam("limit") String limit) {
        return reports.users(query, cursor, QueryParams.limit(limit));
    }

    @GET
    @Path("/{id}")
    public UserDetail one(@PathParam("id") UUID id) {
        return reports.user(id).orElseThrow(() -> ProblemException.notFound("The user"));
    }
}
