package io.hybridlicense.license.lifecycle;

import io.hybridlicense.auth.api.UserView;
import io.hybridlicense.license.store.LicenseEntity;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The authenticated caller of a license endpoint, from the access token. */
record Caller(UUID userId, boolean admin) {

    static Caller of(JsonWebToken token) {
        return new Caller(UUID.fromString(token.getSubject()), token.getGroups().contains(UserView.ROLE_ADMIN));
    }

    boolean mayRead(LicenseEntity license) {
        return admin || license.userId.equals(userId);
    }
}
