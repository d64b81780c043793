package io.hybridlicense.auth;

import io.hybridlicense.auth.api.ApiKeyScope;
import io.hybridlicense.auth.api.ApiScope;
import io.hybridlicense.auth.api.UserView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** An admin signs a user out everywhere: every access token issued to them until now is refused, audited. */
@ApiKeyScope(ApiScope.USERS_WRITE)
@Path("/api/v1/admin/users/{userId}/sessions")
@RolesAllowed(UserView.ROLE_ADMIN)
class AdminSessionsResource {

    private final Accounts accounts;
    private final JsonWebToken caller;

    AdminSessionsResource(Accounts accounts, JsonWebToken caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @DELETE
    public Response endAll(@PathParam("userId") UUID userId) {
        accounts.endSessions(userId, UUID.fromString(caller.getSubject()));
        return Response.noContent().build();
    }
}
