package io.hybridlicense.auth.api;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What an API key may do. Each REST operation declares the one scope a key needs to call it
 * ({@link ApiKeyScope}); an operation that declares none refuses keys.
 */
public enum ApiScope {
    LICENSES_READ("licenses:read", false),
    LICENSES_WRITE("licenses:write", false),
    USERS_READ("users:read", false),
    USERS_WRITE("users:write", true),
    AUDIT_READ("audit:read", true),
    WEBHOOKS_MANAGE("webhooks:manage", false),
    SCHEMASYNC_READ("schemasync:read", false),
    SCHEMASYNC_WRITE("schemasync:write", false);

    private final String wireName;
    private final boolean adminOnly;

    ApiScope(String wireName, boolean adminOnly) {
        this.wireName = wireName;
        this.adminOnly = adminOnly;
    }

    /** As written in requests, answers and the audit log: {@code licenses:read}. */
    public String wireName() {
        return wireName;
    }

    /** Only an admin may give this scope to a key (a user has nothing of the kind to delegate). */
    public boolean adminOnly() {
        return adminOnly;
    }

    public static Optional<ApiScope> of(String wireName) {
        return Arrays.stream(values()).filter(scope -> scope.wireName.equals(wireName)).findFirst();
    }

    /** The scopes a key of an admin's back office ({@code admin}) or of a user may carry. */
    public static Set<ApiScope> grantable(boolean admin) {
        EnumSet<ApiScope> scopes = EnumSet.allOf(ApiScope.class);
        if (!admin) {
            scopes.removeIf(ApiScope::adminOnly);
        }
        return scopes;
    }
}
