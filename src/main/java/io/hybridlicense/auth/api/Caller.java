package io.hybridlicense.auth.api;

import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is asking, from a verified access token: the user, and whether they are an admin. Admins see
 * every user's data; anyone else sees only their own (another user's resource should answer as a
 * missing one, so that its existence is not revealed).
 */
public record Caller(UUID userId, boolean admin) {

    public static Caller of(JsonWebToken token) {
        return new Caller(UUID.fromString(token.getSubject()), token.getGroups().contains(UserView.ROLE_ADMIN));
    }

    /** Whether the caller may see what {@code ownerId} owns. */
    public boolean canSee(UUID ownerId) {
        return admin || userId.equals(ownerId);
    }

    /** As {@link #canSee(UUID)}, for owners kept as the user id's text (schemasync's rows and events). */
    public boolean canSee(String ownerId) {
        return admin || userId.toString().equals(ownerId);
    }
}
