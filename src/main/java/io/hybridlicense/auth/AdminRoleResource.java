package io.hybridlicense.auth;

import io.hybridlicense.auth.api.ApiKeyScope;
import io.hybridlicense.auth.api.ApiScope;
import io.hybridlicense.auth.api.UserView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Admins grant and revoke the admin role. The change shows in the user's next access token; tokens
 * already issued keep their groups until they expire (15 minutes by default).
 */
@ApiKeyScope(ApiScope.USERS_WRITE)
@Path("/api/v1/admin/users/{userId}/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(UserView.ROLE_ADMIN)
class AdminRoleResource {

    private final Accounts accounts;
    private final JsonWebToken caller;

    AdminRoleResource(Accounts accounts, JsonWebToken caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @PUT
    public AuthResponses.Profile grant(@PathParam("userId") UUID userId) {
        return AuthResponses.Profile.of(accounts.setAdmin(userId, true, UUID.fromString(caller.getSubject())), null);
    }

    @DELETE
    public AuthResponses.Profile revoke(@PathParam("userId") UUID userId) {
        return AuthResponses.Profile.of(accounts.setAdmin(userId, false, UUID.fromString(caller.getSubject())), null);
    }
}
