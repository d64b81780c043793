package io.hybridlicense.schemasync;

import io.hybridlicense.shared.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is asking: the token's subject; admins see every user's data sources and tables. */
record Caller(String userId, boolean admin) {

    static Caller of(JsonWebToken token) {
        return new Caller(token.getSubject(), token.getGroups().contains("admin"));
    }

    boolean canSee(String ownerId) {
        return admin || userId.equals(ownerId);
    }

    /** Another user's resource answers exactly like a missing one: its existence is not revealed. */
    void requireVisible(String ownerId, String what) {
        if (!canSee(ownerId)) {
            throw ProblemException.notFound(what);
        }
    }
}
