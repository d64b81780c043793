package io.hybridlicense.schemasync;

import io.smallrye.jwt.build.Jwt;
import java.util.Set;
import java.util.UUID;

/** Access tokens as the auth module would issue them, signed with the application's key. */
final class Tokens {

    /** A user id and its bearer token. */
    record Identity(String userId, String token) {
        String bearer() {
            return "Bearer " + token;
        }
    }

    private Tokens() {
    }

    static Identity forNewUser() {
        return of(Set.of("user"));
    }

    static Identity forAdmin() {
        return of(Set.of("user", "admin"));
    }

    private static Identity of(Set<String> groups) {
        String userId = UUID.randomUUID().toString();
        return new Identity(userId, Jwt.issuer("hybrid-license").subject(userId).groups(groups).expiresIn(900).sign());
    }
}
