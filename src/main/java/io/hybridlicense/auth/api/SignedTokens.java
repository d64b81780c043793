package io.hybridlicense.auth.api;

import java.time.Instant;
import java.util.Map;

/**
 * Signs and verifies JWTs with the application's token keys (the ones published at
 * {@code /.well-known/jwks.json}), for tokens other than access tokens, such as license tokens.
 * Each kind of token has its own audience, so that one kind is never accepted as another.
 */
public interface SignedTokens {

    /**
     * @param audience  the kind of token ({@code aud}); access tokens use {@link #ACCESS_AUDIENCE}
     * @param subject   the {@code sub} claim
     * @param expiresAt the {@code exp} claim
     * @param claims    further claims (strings, numbers, booleans)
     * @return the compact JWS, signed with the newest key and naming it in {@code kid}
     */
    String sign(String audience, String subject, Instant expiresAt, Map<String, Object> claims);

    /** Checks signature, algorithm, issuer, audience and expiry; never throws for a bad token. */
    VerifiedToken verify(String token, String audience);

    /** The audience of access tokens, which only the API accepts. */
    String ACCESS_AUDIENCE = "hybrid-license-api";
}
