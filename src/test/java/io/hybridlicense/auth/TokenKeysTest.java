package io.hybridlicense.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Optional;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.Test;

/** Key rotation: several published keys, the configured (newest) signing key names its own kid. */
class TokenKeysTest {

    private final KeyPair old = generate();
    private final KeyPair current = generate();

    @Test
    void publishesEveryKey_andSignsUnderTheKidOfTheSigningKey() {
        TokenKeys keys = new TokenKeys(Optional.empty(), Optional.of(jwks(old, "2026-01", current, "2026-07")),
                Optional.empty(), Optional.of(pkcs8(current)));

        assertThat(keys.signingKeyId()).isEqualTo("2026-07");
        assertThat(keys.publicJwks()).contains("\"2026-01\"", "\"2026-07\"").doesNotContain("\"d\"");
    }

    @Test
    void refusesASigningKeyThatIsNotPublished() {
        assertThatThrownBy(() -> new TokenKeys(Optional.empty(), Optional.of(jwks(old, "2026-01", old, "again")),
                Optional.empty(), Optional.of(pkcs8(current))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not among the verification keys");
    }

    @Test
    void namesAPemKeyByItsThumbprint() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(current.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----";
        TokenKeys keys = new TokenKeys(Optional.empty(), Optional.of(pem), Optional.empty(), Optional.of(pkcs8(current)));

        assertThat(keys.signingKeyId()).hasSize(43);
        assertThat(keys.verificationKeys()).extracting(JsonWebKey::getKeyId).containsExactly(keys.signingKeyId());
    }

    private static String jwks(KeyPair first, String firstId, KeyPair second, String secondId) {
        return new JsonWebKeySet(jwk(first, firstId), jwk(second, secondId)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static RsaJsonWebKey jwk(KeyPair pair, String kid) {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) pair.getPublic());
        jwk.setKeyId(kid);
        return jwk;
    }

    private static String pkcs8(KeyPair pair) {
        return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
