package io.hybridlicense.auth.api;

import java.util.Map;

/**
 * The outcome of checking a token.
 *
 * @param state  {@code VALID}; {@code EXPIRED} when the signature and claims are right but {@code exp}
 *               has passed; {@code INVALID} for anything else (bad signature, algorithm, issuer, audience,
 *               unknown key, garbage)
 * @param claims the verified claims; empty when {@code INVALID}
 */
public record VerifiedToken(State state, Map<String, Object> claims) {

    public enum State { VALID, EXPIRED, INVALID }

    public VerifiedToken {
        claims = Map.copyOf(claims);
    }

    public static VerifiedToken invalid() {
        return new VerifiedToken(State.INVALID, Map.of());
    }

    /** A claim as a string, or {@code null}. */
    public String claim(String name) {
        Object value = claims.get(name);
        return value == null ? null : value.toString();
    }
}
