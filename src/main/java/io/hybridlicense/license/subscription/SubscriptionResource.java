package io.hybridlicense.license.subscription;

import io.hybridlicense.auth.api.ApiKeyScope;
import io.hybridlicense.auth.api.ApiScope;
import io.hybridlicense.auth.api.Plan;
import io.hybridlicense.auth.api.UserView;
import io.hybridlicense.license.LicenseRequests;
import io.hybridlicense.license.api.SubscriptionView;
import io.hybridlicense.shared.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

@Path("/api/v1/subscriptions/me")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserView.ROLE_USER)
class SubscriptionResource {

    private final Subscriptions subscriptions;
    private final JsonWebToken token;

    SubscriptionResource(Subscriptions subscriptions, JsonWebToken token) {
        this.subscriptions = subscriptions;
        this.token = token;
    }

    @GET
    @ApiKeyScope(ApiScope.LICENSES_READ)
    public SubscriptionView mine() {
        return subscriptions.find(userId()).orElseThrow(() -> ProblemException.notFound("The subscription"));
    }

    @POST
    @Path("/plan")
    @ApiKeyScope(ApiScope.LICENSES_WRITE)
    public SubscriptionView changePlan(@Valid @NotNull LicenseRequests.ChangePlan request) {
        return subscriptions.changeOwnPlan(userId(), Plan.of(request.plan()));
    }

    private UUID userId() {
        return UUID.fromString(token.getSubject());
    }
}
