package io.hybridlicense.auth.api;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A user account as other modules see it; never carries the password hash.
 *
 * @param userId    the id, also the {@code sub} of the user's access tokens
 * @param email     as entered at registration (trimmed)
 * @param plan      the current plan
 * @param roles     {@code user}, plus {@code admin} for administrators
 * @param createdAt when the account was registered
 */
public record UserView(UUID userId, String email, Plan plan, Set<String> roles, Instant createdAt) {

    public static final String ROLE_USER = "user";
    public static final String ROLE_ADMIN = "admin";

    public UserView {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(ROLE_ADMIN);
    }
}
