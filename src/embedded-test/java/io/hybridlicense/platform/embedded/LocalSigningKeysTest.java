package io.hybridlicense.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default's signing key: owner-only from creation, made only when absent, never over an unreadable one. */
class LocalSigningKeysTest {

    @TempDir
    Path dataDir;

    @Test
    void aNewKey_isOwnerOnly_inAnOwnerOnlyDirectory() throws Exception {
        Path directory = dataDir.resolve("data/keys");

        new LocalSigningKeys(directory).createIfMissing();

        assertThat(permissions(dataDir.resolve("data"))).isEqualTo("rwx------");
        assertThat(permissions(directory)).isEqualTo("rwx------");
        for (String file : new String[] {"signing-key.pem", "verification-key.pem", "jwks.json"}) {
            assertThat(permissions(directory.resolve(file))).as(file).isEqualTo("rw-------");
        }
        try (var files = Files.list(directory)) {
            assertThat(files).as("no temporary file left").hasSize(3);
        }
    }

    @Test
    void anExistingKey_isKept_andAMissingPublicHalf_isDerivedFromIt() throws Exception {
        Path directory = dataDir.resolve("keys");
        LocalSigningKeys keys = new LocalSigningKeys(directory);
        keys.createIfMissing();
        String privateKey = Files.readString(directory.resolve("signing-key.pem"));
        String jwks = Files.readString(directory.resolve("jwks.json"));
        Files.delete(directory.resolve("verification-key.pem"));
        Files.delete(directory.resolve("jwks.json"));

        keys.createIfMissing();

        assertThat(Files.readString(directory.resolve("signing-key.pem"))).isEqualTo(privateKey);
        assertThat(Files.readString(directory.resolve("jwks.json"))).as("same key id and modulus").isEqualTo(jwks);
    }

    @Test
    void aPrivateKeyThatCannotBeRead_stopsTheStart_andIsNotReplaced() throws Exception {
        Path directory = dataDir.resolve("keys");
        LocalSigningKeys keys = new LocalSigningKeys(directory);
        keys.createIfMissing();
        String jwks = Files.readString(directory.resolve("jwks.json"));
        // something there that cannot be read, whoever runs the test (root reads a file without permissions)
        Path privateKey = directory.resolve("signing-key.pem");
        Files.delete(privateKey);
        Files.createDirectory(privateKey);

        assertThatThrownBy(keys::createIfMissing).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(privateKey.toString()).hasMessageContaining("cannot be read");

        assertThat(privateKey).isDirectory();
        assertThat(Files.readString(directory.resolve("jwks.json"))).isEqualTo(jwks);
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
