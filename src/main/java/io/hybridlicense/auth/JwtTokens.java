package io.hybridlicense.auth;

import io.hybridlicense.auth.api.SignedTokens;
import io.hybridlicense.auth.api.UserView;
import io.hybridlicense.auth.api.VerifiedToken;
import io.hybridlicense.shared.Clock;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Issues access tokens and the other modules' tokens (RS256, signed by smallrye-jwt-build with the
 * newest key, {@code kid} in the header). Every token is verified here: access tokens on each request
 * (through {@link AccessTokenPrincipals}), other tokens by {@link #verify}. Only RS256 with the
 * published key its {@code kid} names is admitted, and an {@code iat} no further in the future than
 * {@code hl.auth.tokens.issued-at-skew}. An access token also carries its user's session generation
 * ({@code sgen}), and is refused once that was raised ({@link SessionGenerations}).
 */
@ApplicationScoped
class JwtTokens implements SignedTokens {

    private final TokenKeys keys;
    private final Clock clock;
    private final String issuer;
    private final AuthConfig.Tokens config;
    private final Map<String, JwtConsumer> consumers = new ConcurrentHashMap<>();
    private final VerifiedTokens verifiedTokens;
    private final SessionGenerations sessions;

    JwtTokens(TokenKeys keys, Clock clock, AuthConfig config, SessionGenerations sessions,
              @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.sessions = sessions;
        this.keys = keys;
        this.clock = clock;
        this.issuer = issuer;
        this.config = config.tokens();
        this.verifiedTokens = new VerifiedTokens(this.config.verifiedCacheSize());
    }

    /**
     * An access token at sign-in: {@code sub} = user id, {@code groups} = roles, {@code auth_time} = now,
     * {@code sgen} = the user's session generation as read with the credentials.
     */
    AccessToken issueAccessToken(UserView user, long sessionGeneration) {
        Instant now = clock.now();
        return accessToken(user, sessionGeneration, now, now, now.plus(config.accessTokenLifetime()));
    }

    /**
     * An access token for a session that began at {@code signedInAt} ({@code auth_time}, as in OpenID
     * Connect), valid for the usual lifetime but not after {@code notAfter}.
     */
    AccessToken issueAccessToken(UserView user, long sessionGeneration, Instant signedInAt, Instant notAfter) {
        return accessToken(user, sessionGeneration, clock.now(), signedInAt, notAfter);
    }

    private AccessToken accessToken(UserView user, long sessionGeneration, Instant now, Instant signedInAt, Instant notAfter) {
        Instant expiresAt = min(now.plus(config.accessTokenLifetime()), notAfter);
        String token = claims(ACCESS_AUDIENCE, user.userId().toString(), now, expiresAt)
                .upn(user.email())
                .groups(user.roles())
                .claim(Claims.auth_time.name(), signedInAt.getEpochSecond())
                .claim(SESSION_GENERATION, sessionGeneration)
                .jws().keyId(keys.signingKeyId()).sign(keys.signingKey());
        return new AccessToken(token, Duration.between(now, expiresAt).toSeconds());
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    record AccessToken(String token, long expiresInSeconds) {
    }

    /** What a verified access token says about its session. */
    record AccessClaims(UUID userId, long sessionGeneration, Instant signedInAt) {
    }

    private static final String SESSION_GENERATION = "sgen";

    @Override
    public String sign(String audience, String subject, Instant expiresAt, Map<String, Object> claims) {
        JwtClaimsBuilder builder = claims(audience, subject, clock.now(), expiresAt);
        claims.forEach(builder::claim);
        return builder.jws().keyId(keys.signingKeyId()).sign(keys.signingKey());
    }

    @Override
    public VerifiedToken verify(String token, String audience) {
        return verifiedTokens.lookup(audience, token, clock.now()).orElseGet(() -> verifyAndRemember(token, audience));
    }

    /**
     * The claims of a valid access token of a session not ended since, for the bearer-token check on
     * every request (the session generation from memory, {@link SessionGenerations}).
     */
    Optional<JwtClaims> accessTokenClaims(String token) {
        return parsedAccessToken(token).filter(claims -> sessionOf(claims)
                .filter(session -> sessions.isCurrent(session.userId(), session.sessionGeneration())).isPresent());
    }

    /** A valid access token's session, whether or not it was ended since. */
    Optional<AccessClaims> verifiedAccessToken(String token) {
        return parsedAccessToken(token).flatMap(JwtTokens::sessionOf);
    }

    private static Optional<AccessClaims> sessionOf(JwtClaims claims) {
        try {
            long issuedAt = claims.getIssuedAt().getValue();
            Object signedIn = claims.getClaimValue(Claims.auth_time.name());
            Object generation = claims.getClaimValue(SESSION_GENERATION);
            return Optional.of(new AccessClaims(UUID.fromString(claims.getSubject()),
                    generation instanceof Number number ? number.longValue() : 0,
                    Instant.ofEpochSecond(signedIn instanceof Number seconds ? seconds.longValue() : issuedAt)));
        } catch (MalformedClaimException | IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    private Optional<JwtClaims> parsedAccessToken(String token) {
        try {
            return Optional.of(consumerFor(ACCESS_AUDIENCE).processToClaims(token));
        } catch (InvalidJwtException | RuntimeException invalid) {
            return Optional.empty();
        }
    }

    private VerifiedToken verifyAndRemember(String token, String audience) {
        try {
            JwtClaims claims = consumerFor(audience).processToClaims(token);
            VerifiedToken verified = new VerifiedToken(VerifiedToken.State.VALID, claims.getClaimsMap());
            verifiedTokens.remember(audience, token, verified,
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
            return verified;
        } catch (InvalidJwtException e) {
            boolean onlyExpired = e.hasExpired()
                    && e.getErrorDetails().stream().allMatch(detail -> detail.getErrorCode() == ErrorCodes.EXPIRED)
                    && e.getJwtContext() != null;
            return onlyExpired
                    ? new VerifiedToken(VerifiedToken.State.EXPIRED, e.getJwtContext().getJwtClaims().getClaimsMap())
                    : VerifiedToken.invalid();
        } catch (MalformedClaimException | RuntimeException garbage) {
            return VerifiedToken.invalid();
        }
    }

    private JwtClaimsBuilder claims(String audience, String subject, Instant issuedAt, Instant expiresAt) {
        return Jwt.issuer(issuer)
                .audience(audience)
                .subject(subject)
                .issuedAt(issuedAt)
                .expiresAt(expiresAt);
    }

    private JwtConsumer consumerFor(String audience) {
        return consumers.computeIfAbsent(audience, ignored -> new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setRequireIssuedAt()
                .setIssuedAtRestrictions(issuedAtSkewSeconds(), Integer.MAX_VALUE)
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audience)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver(this::publishedKeyNamedBy)
                .build());
    }

    /**
     * Only the key the token names in {@code kid}, and only if it is published: a token without a
     * {@code kid}, or naming an unknown one, is not tried against whatever key happens to fit.
     */
    private Key publishedKeyNamedBy(JsonWebSignature jws, List<JsonWebStructure> nesting) throws UnresolvableKeyException {
        String keyId = jws.getKeyIdHeaderValue();
        if (keyId != null) {
            for (JsonWebKey key : keys.verificationKeys()) {
                if (keyId.equals(key.getKeyId())) {
                    return key.getKey();
                }
            }
        }
        throw new UnresolvableKeyException("The token names no published key");
    }

    private int issuedAtSkewSeconds() {
        return Math.toIntExact(config.issuedAtSkew().toSeconds());
    }
}
