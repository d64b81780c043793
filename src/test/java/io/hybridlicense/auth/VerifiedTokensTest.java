package io.hybridlicense.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridlicense.auth.api.VerifiedToken;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant EXPIRY = Instant.parse("2026-12-01T00:00:00Z");
    private final VerifiedTokens cache = new VerifiedTokens(100);
    private final VerifiedToken valid = new VerifiedToken(VerifiedToken.State.VALID, Map.of("licenseId", "L1"));

    @Test
    void remembersAValidToken_untilItsExpiry() {
        cache.remember("clients", "token-a", valid, EXPIRY);

        assertThat(cache.lookup("clients", "token-a", EXPIRY.minusSeconds(1))).contains(valid);
    }

    @Test
    void reportsARememberedTokenAsExpired_fromItsExpiryOn_keepingItsClaims() {
        cache.remember("clients", "token-a", valid, EXPIRY);

        assertThat(cache.lookup("clients", "token-a", EXPIRY)).hasValueSatisfying(token -> {
            assertThat(token.state()).isEqualTo(VerifiedToken.State.EXPIRED);
            assertThat(token.claim("licenseId")).isEqualTo("L1");
        });
    }

    @Test
    void knowsNothingOfOtherTokensOrAudiences() {
        cache.remember("clients", "token-a", valid, EXPIRY);

        assertThat(cache.lookup("clients", "token-b", EXPIRY.minusSeconds(1))).isEmpty();
        assertThat(cache.lookup("api", "token-a", EXPIRY.minusSeconds(1))).isEmpty();
    }

    @Test
    void neverRemembersAFailedVerification() {
        cache.remember("clients", "token-a", VerifiedToken.invalid(), EXPIRY);
        cache.remember("clients", "token-b", new VerifiedToken(VerifiedToken.State.EXPIRED, Map.of()), EXPIRY);

        assertThat(cache.lookup("clients", "token-a", EXPIRY.minusSeconds(1))).isEmpty();
        assertThat(cache.lookup("clients", "token-b", EXPIRY.minusSeconds(1))).isEmpty();
    }
}
