package io.hybridlicense.auth;

import io.quarkus.runtime.Startup;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.JoseException;

/**
 * The token keys, read once at start from the same configuration smallrye-jwt uses: the verification
 * keys ({@code mp.jwt.verify.publickey.location}: a JWK set, a single JWK or a PEM public key; or
 * inline in {@code mp.jwt.verify.publickey}) and the signing key ({@code smallrye.jwt.sign.key.location},
 * or inline in {@code smallrye.jwt.sign.key}). Rotation: publish the old and the new public
 * key in the JWK set and point the signing location at the new private key; the signing key's
 * {@code kid} is the one of the published key with the same modulus. Start fails when the signing
 * key is not among the published keys, because no client could verify its tokens.
 */
@Startup
@ApplicationScoped
class TokenKeys {

    private final JsonWebKeySet verificationKeys;
    private final PrivateKey signingKey;
    private final String signingKeyId;

    TokenKeys(@ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> verifyLocation,
              @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> verifyInline,
              @ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> signLocation,
              @ConfigProperty(name = "smallrye.jwt.sign.key") Optional<String> signInline) {
        verificationKeys = readVerificationKeys(verifyInline.filter(key -> !key.equals("NONE")), verifyLocation);
        signingKey = readSigningKey(signInline.filter(key -> !key.equals("NONE")), signLocation);
        signingKeyId = idOfPublishedKeyFor(signingKey);
    }

    /** The public keys, each with its {@code kid}: the JWKS document. */
    String publicJwks() {
        return verificationKeys.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    List<JsonWebKey> verificationKeys() {
        return verificationKeys.getJsonWebKeys();
    }

    PrivateKey signingKey() {
        return signingKey;
    }

    String signingKeyId() {
        return signingKeyId;
    }

    private static JsonWebKeySet readVerificationKeys(Optional<String> inline, Optional<String> location) {
        try {
            String content = inline.isPresent() ? inline.get() : ResourceUtils.readResource(location.orElseThrow(
                    () -> new IllegalStateException("Set mp.jwt.verify.publickey.location (MP_JWT_VERIFY_PUBLICKEY_LOCATION)")));
            JsonWebKeySet set = parse(content.strip());
            for (JsonWebKey key : set.getJsonWebKeys()) {
                if (key.getKeyId() == null) {
                    key.setKeyId(key.calculateBase64urlEncodedThumbprint("SHA-256"));
                }
            }
            return set;
        } catch (IOException | GeneralSecurityException | JoseException e) {
            throw new IllegalStateException("Could not read the token verification keys", e);
        }
    }

    private static JsonWebKeySet parse(String content) throws JoseException, GeneralSecurityException {
        if (content.startsWith("{")) {
            return content.contains("\"keys\"") ? new JsonWebKeySet(content)
                    : new JsonWebKeySet(JsonWebKey.Factory.newJwk(content));
        }
        PublicKey key = KeyUtils.decodePublicKey(content, SignatureAlgorithm.RS256);
        RsaJsonWebKey jwk = (RsaJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk(key);
        jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        jwk.setUse("sig");
        return new JsonWebKeySet(jwk);
    }

    /** Inline wins over the location, as in smallrye-jwt-build (test launchers pass inline keys). */
    private static PrivateKey readSigningKey(Optional<String> inline, Optional<String> location) {
        try {
            Key key = inline.isPresent() ? KeyUtils.decodePrivateKey(inline.get(), SignatureAlgorithm.RS256)
                    : KeyUtils.readSigningKey(location.orElseThrow(() -> new IllegalStateException(
                            "Set smallrye.jwt.sign.key.location (SMALLRYE_JWT_SIGN_KEY_LOCATION)")), null, SignatureAlgorithm.RS256);
            if (key instanceof PrivateKey privateKey) {
                return privateKey;
            }
            throw new IllegalStateException("The signing key at smallrye.jwt.sign.key.location is not an RSA private key");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Could not read the token signing key", e);
        }
    }

    private String idOfPublishedKeyFor(PrivateKey key) {
        if (key instanceof RSAPrivateCrtKey rsa) {
            for (JsonWebKey published : verificationKeys.getJsonWebKeys()) {
                if (published.getKey() instanceof RSAPublicKey candidate && candidate.getModulus().equals(rsa.getModulus())) {
                    return published.getKeyId();
                }
            }
            throw new IllegalStateException("The signing key's public half is not among the verification keys");
        }
        if (verificationKeys.getJsonWebKeys().size() == 1) {
            return verificationKeys.getJsonWebKeys().get(0).getKeyId();
        }
        throw new IllegalStateException("Cannot tell which verification key belongs to the signing key");
    }
}
