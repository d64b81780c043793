package io.hybridlicense.auth.apikey;

import io.hybridlicense.auth.LoginThrottle;
import io.hybridlicense.auth.api.ApiKeyRefused;
import io.hybridlicense.auth.api.UserView;
import io.hybridlicense.shared.Clock;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jwt.JwtClaims;

/**
 * Checks a presented key (blocking: it may read the database) and makes the security identity of its
 * owner: the same kind of principal an access token gives ({@code sub} = the owner, {@code groups} = the
 * roles), so every resource reads its caller as before. The roles are capped: {@code user} always, and
 * {@code admin} only for a back-office key whose owner is still an admin; the key's scopes limit it further
 * ({@link ApiKeyScopeCheck}).
 *
 * <p>Every failure answers the same 401, whatever failed (no such prefix, wrong secret, revoked,
 * expired), and a failure that may be a guess (anything but expiry) takes a token of the client address's
 * rate-limit bucket: past the allowance, 429. An unknown prefix is hashed and compared like a known one.
 */
@ApplicationScoped
class ApiKeyAuthenticator {

    private static final byte[] DECOY_HASH = new byte[32];

    private final ApiKeyLookup lookup;
    private final ApiKeyUsage usage;
    private final ApiKeyAudit audit;
    private final LoginThrottle throttle;
    private final Clock clock;

    ApiKeyAuthenticator(ApiKeyLookup lookup, ApiKeyUsage usage, ApiKeyAudit audit, LoginThrottle throttle, Clock clock) {
        this.lookup = lookup;
        this.usage = usage;
        this.audit = audit;
        this.throttle = throttle;
        this.clock = clock;
    }

    SecurityIdentity authenticate(String secret, String clientAddress) {
        Optional<StoredKey> found = ApiKeySecrets.prefixOf(secret).flatMap(lookup::byPrefix);
        boolean matches = ApiKeySecrets.matches(secret, found.map(StoredKey::secretHash).orElse(DECOY_HASH));
        if (found.isEmpty() || !matches) {
            throw failed(clientAddress);
        }
        StoredKey key = found.get();
        if (key.revoked()) {
            audit.refused(CallingKey.of(key), ApiKeyRefused.Reason.REVOKED, null, null);
            throw failed(clientAddress);
        }
        if (key.expiredAt(clock.now())) {
            throw new AuthenticationFailedException("The API key has expired");
        }
        usage.noteUsed(key.id());
        return identity(key);
    }

    private AuthenticationFailedException failed(String clientAddress) {
        throttle.countFailedKey(clientAddress);
        return new AuthenticationFailedException("Invalid API key");
    }

    private static SecurityIdentity identity(StoredKey key) {
        List<String> roles = key.backOffice() && key.ownerAdmin()
                ? List.of(UserView.ROLE_USER, UserView.ROLE_ADMIN) : List.of(UserView.ROLE_USER);
        JwtClaims claims = new JwtClaims();
        claims.setSubject(key.ownerId().toString());
        claims.setStringListClaim(Claims.groups.name(), roles);
        claims.setClaim("hl_api_key", key.prefix());
        if (key.expiresAt() != null) {
            claims.setClaim(Claims.exp.name(), key.expiresAt().getEpochSecond());
        }
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new DefaultJWTCallerPrincipal(null, "hl-api-key", claims))
                .addRoles(java.util.Set.copyOf(roles))
                .addAttribute(CallingKey.ATTRIBUTE, CallingKey.of(key))
                .build();
    }
}
