package io.hybridlicense.schemasync;

import io.hybridlicense.shared.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is asking: the token's subject; admins see every user's data sources and tables. */
public record Caller(String userId, boolean admin) {

    public static Caller of(JsonWebToken token) {
        return new Caller(token.getSubject(), token.getGroups().contains("admin"));
    }

    public boolean canSee(String ownerId) {
        return admin || userId.equals(ownerId);
    }

    /** Another user's resource answers exactly like a missing one: its existence is not revealed. */
    public void requireVisible(String ownerId, String what) {
        if (!canSee(ownerId)) {
            throw ProblemException.notFound(what);
        }
    }
}
