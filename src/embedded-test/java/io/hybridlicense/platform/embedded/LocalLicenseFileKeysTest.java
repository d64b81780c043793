package io.hybridlicense.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridlicense.shared.Ed25519Keys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default's license file pair: made as the token keys are, and its public set is the private key's. */
class LocalLicenseFileKeysTest {

    @TempDir
    Path dataDir;

    @Test
    void aNewPair_isOwnerOnly_andItsPublishedKeyVerifiesItsSignatures() throws Exception {
        Path directory = dataDir.resolve("data/keys");

        new LocalLicenseFileKeys(directory).createIfMissing();

        assertThat(permissions(directory)).isEqualTo("rwx------");
        for (String file : new String[] {"license-file-sign-key.pem", "license-file-keys.json"}) {
            assertThat(permissions(directory.resolve(file))).as(file).isEqualTo("rw-------");
        }
        try (var files = Files.list(directory)) {
            assertThat(files).as("no temporary file left").hasSize(2);
        }
        PrivateKey key = Ed25519Keys.privateKey(Files.readString(directory.resolve("license-file-sign-key.pem")));
        Map<String, PublicKey> published = Ed25519Keys.parseJwks(Files.readString(directory.resolve("license-file-keys.json")));
        assertThat(Ed25519Keys.idOfPublishedKeyFor(key, published)).isEqualTo(published.keySet().iterator().next());
    }

    @Test
    void anExistingPair_isKept_andAMissingPublicSet_isDerivedFromThePrivateKey() throws Exception {
        Path directory = dataDir.resolve("keys");
        LocalLicenseFileKeys keys = new LocalLicenseFileKeys(directory);
        keys.createIfMissing();
        String privateKey = Files.readString(directory.resolve("license-file-sign-key.pem"));
        String published = Files.readString(directory.resolve("license-file-keys.json"));
        Files.delete(directory.resolve("license-file-keys.json"));

        keys.createIfMissing();

        assertThat(Files.readString(directory.resolve("license-file-sign-key.pem"))).isEqualTo(privateKey);
        assertThat(Files.readString(directory.resolve("license-file-keys.json"), StandardCharsets.US_ASCII)).isEqualTo(published);
    }

    @Test
    void aPrivateKeyThatCannotBeRead_stopsTheStart_andIsNotReplaced() throws Exception {
        Path directory = dataDir.resolve("keys");
        LocalLicenseFileKeys keys = new LocalLicenseFileKeys(directory);
        keys.createIfMissing();
        Path privateKey = directory.resolve("license-file-sign-key.pem");
        Files.delete(privateKey);
        Files.createDirectory(privateKey);

        assertThatThrownBy(keys::createIfMissing).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(privateKey.toString()).hasMessageContaining("cannot be read");
        assertThat(privateKey).isDirectory();
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
