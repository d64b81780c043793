package io.hybridlicense.license.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridlicense.shared.Ed25519Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys read at start: rotation keeps old files verifying; a signing key nobody could verify stops the start. */
class LicenseFileKeysTest {

    private static final Path PUBLISHED = LicenseFileVectors.DIRECTORY.resolve("keys.json");
    private static final Path SIGNING = LicenseFileVectors.DIRECTORY.resolve("sign-key.pem");

    @TempDir
    Path dir;

    @Test
    void theSigningKeyGetsTheKidOfItsPublishedHalf_andEveryPublishedKeyIsServed() throws Exception {
        Map<String, PublicKey> vectorKeys = Ed25519Keys.parseJwks(Files.readString(PUBLISHED));
        PublicKey retired = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        Path rotated = Files.writeString(dir.resolve("rotated.json"),
                Ed25519Keys.jwks(List.of(retired, vectorKeys.values().iterator().next())));

        LicenseFileKeys keys = new LicenseFileKeys(config(rotated.toString(), SIGNING.toString()));

        assertThat(keys.enabled()).isTrue();
        assertThat(keys.signingKeyId()).isEqualTo(vectorKeys.keySet().iterator().next());
        assertThat(Ed25519Keys.parseJwks(keys.publicJwks())).containsKeys(Ed25519Keys.thumbprint(retired), keys.signingKeyId());
    }

    @Test
    void aSigningKeyThatIsNotPublished_stopsTheStart() throws Exception {
        Path other = Files.writeString(dir.resolve("other.pem"),
                Ed25519Keys.pem(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate()));

        assertThatThrownBy(() -> new LicenseFileKeys(config(PUBLISHED.toString(), other.toString())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not among the keys published");
    }

    @Test
    void oneLocationWithoutTheOther_stopsTheStart_andNeitherMeansNoFiles() {
        assertThatThrownBy(() -> new LicenseFileKeys(config(PUBLISHED.toString(), null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("HL_LICENSE_FILE_SIGN_KEY_LOCATION");
        assertThatThrownBy(() -> new LicenseFileKeys(config(null, SIGNING.toString())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("HL_LICENSE_FILE_KEYS_LOCATION");
        assertThatThrownBy(() -> new LicenseFileKeys(config(SIGNING.toString(), SIGNING.toString())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Could not read the license file keys");

        LicenseFileKeys none = new LicenseFileKeys(config(null, null));
        assertThat(none.enabled()).isFalse();
        assertThat(none.publicJwks()).isEqualTo("{\"keys\":[]}");
    }

    private static LicenseFileConfig config(String keys, String signKey) {
        return new LicenseFileConfig() {
            @Override
            public Optional<String> keysLocation() {
                return Optional.ofNullable(keys);
            }

            @Override
            public Optional<String> signKeyLocation() {
                return Optional.ofNullable(signKey);
            }

            @Override
            public Optional<String> secretsKey() {
                return Optional.empty();
            }
        };
    }
}
