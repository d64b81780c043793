package io.hybridlicense.auth;

import io.hybridlicense.auth.api.ApiKeyScope;
import io.hybridlicense.auth.api.ApiScope;
import io.hybridlicense.auth.api.SignedIn;
import io.hybridlicense.shared.ClientAddress;
import io.hybridlicense.auth.api.Plan;
import io.hybridlicense.auth.api.SubscriptionDirectory;
import io.hybridlicense.auth.api.SubscriptionSummary;
import io.hybridlicense.auth.api.UserView;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/* Bodies wrapped in a Response are invisible to the native build's reflection analysis. */
@RegisterForReflection(targets = {AuthResponses.Registered.class, AuthResponses.Token.class, Plan.class})
@Path("/api/v1/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
class AuthResource {

    private final Accounts accounts;
    private final Instance<SubscriptionDirectory> subscriptions;
    private final JsonWebToken caller;

    AuthResource(Accounts accounts, Instance<SubscriptionDirectory> subscriptions, JsonWebToken caller) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.caller = caller;
    }

    @POST
    @Path("/register")
    @PermitAll
    public Response register(@Valid @NotNull AuthRequests.Register request, @Context HttpServerRequest http) {
        if (request.plan() != null) {
            throw new ProblemException(Problem.of(422, "plan-not-selectable", "Unprocessable Content",
                    "A new account starts on the default plan; leave out plan (other plans are set by an admin)"));
        }
        UserView user = accounts.signUp(request.email(), request.password(), ClientAddress.of(http));
        return Response.created(URI.create("/api/v1/auth/me")).entity(AuthResponses.Registered.of(user)).build();
    }

    @POST
    @Path("/login")
    @PermitAll
    public Response login(@Valid @NotNull AuthRequests.Login request, @Context HttpServerRequest http) {
        SignedIn signedIn = accounts.signIn(request.email(), request.password(), ClientAddress.of(http));
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(new AuthResponses.Token(signedIn.accessToken(), "Bearer", signedIn.lifetime().toSeconds()))
                .cacheControl(noStore).build();
    }

    /** Ends every session of the caller, on every instance: this token and all others issued to them. */
    @POST
    @Path("/logout")
    @RolesAllowed(UserView.ROLE_USER)
    public Response logout() {
        accounts.signOut(callerId());
        return Response.noContent().build();
    }

    /** Changes the caller's password; every session ends with it, this one included (sign in again). */
    @POST
    @Path("/password")
    @RolesAllowed(UserView.ROLE_USER)
    public Response changePassword(@Valid @NotNull AuthRequests.ChangePassword request, @Context HttpServerRequest http) {
        accounts.changePassword(callerId(), request.currentPassword(), request.newPassword(), ClientAddress.of(http));
        return Response.noContent().build();
    }

    /**
     * Replaces a temporary password (one an admin set) without a token: a login with it answers 403
     * {@code password-change-required} instead of a token. Then log in with the new password.
     */
    @POST
    @Path("/password/temporary")
    @PermitAll
    public Response replaceTemporaryPassword(@Valid @NotNull AuthRequests.ReplaceTemporaryPassword request,
                                             @Context HttpServerRequest http) {
        accounts.replaceTemporaryPassword(request.email(), request.temporaryPassword(), request.newPassword(),
                ClientAddress.of(http));
        return Response.noContent().build();
    }

    private UUID callerId() {
        return UUID.fromString(caller.getSubject());
    }

    @GET
    @Path("/me")
    @RolesAllowed(UserView.ROLE_USER)
    @ApiKeyScope(ApiScope.USERS_READ)
    public AuthResponses.Profile me() {
        UserView user = accounts.findUser(UUID.fromString(caller.getSubject()))
                .orElseThrow(() -> ProblemException.notFound("The account"));
        SubscriptionSummary subscription = subscriptions.isResolvable()
                ? subscriptions.get().subscriptionOf(user.userId()).orElse(null) : null;
        return AuthResponses.Profile.of(user, subscription);
    }
}
