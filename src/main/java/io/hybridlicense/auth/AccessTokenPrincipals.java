package io.hybridlicense.auth;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * Bearer tokens are checked by the same rules as every other token of ours ({@link JwtTokens}): a
 * {@code kid} naming a published key, RS256, issuer, audience, expiry and a plausible {@code iat}.
 * smallrye-jwt still finds the token and builds the security identity from the principal.
 */
@ApplicationScoped
@Alternative
@Priority(1)
class AccessTokenPrincipals extends JWTCallerPrincipalFactory {

    private final JwtTokens tokens;

    AccessTokenPrincipals(JwtTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        return tokens.accessTokenClaims(token)
                .map(claims -> new DefaultJWTCallerPrincipal(token, "JWT", claims))
                .orElseThrow(() -> new ParseException("Invalid access token"));
    }
}
