package io.hybridlicense.license.subscription;

import io.hybridlicense.auth.api.ApiKeyScope;
import io.hybridlicense.auth.api.ApiScope;
import io.hybridlicense.auth.api.Plan;
import io.hybridlicense.auth.api.UserView;
import io.hybridlicense.license.LicenseRequests;
import io.hybridlicense.license.api.SubscriptionView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** An admin moves a user to another plan (self-service sign-ups start on the default one). */
@ApiKeyScope(ApiScope.LICENSES_WRITE)
@Path("/api/v1/admin/users/{userId}/plan")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserView.ROLE_ADMIN)
class AdminSubscriptionResource {

    private final Subscriptions subscriptions;
    private final JsonWebToken caller;

    AdminSubscriptionResource(Subscriptions subscriptions, JsonWebToken caller) {
        this.subscriptions = subscriptions;
        this.caller = caller;
    }

    @POST
    public SubscriptionView changePlan(@PathParam("userId") UUID userId, @Valid @NotNull LicenseRequests.ChangePlan request) {
        return subscriptions.changePlanAsAdmin(userId, Plan.of(request.plan()), UUID.fromString(caller.getSubject()));
    }
}
