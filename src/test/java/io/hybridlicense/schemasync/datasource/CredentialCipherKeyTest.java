package io.hybridlicense.schemasync.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridlicense.schemasync.SchemaSyncConfig;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the key that encrypts stored credentials comes from: the setting, or for the embedded default a file
 * generated once, owner-only; never a key per instance on an external database, never a new one over a file
 * that cannot be read.
 */
class CredentialCipherKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void onAnExternalDatabase_withoutTheSharedKey_theStartIsRefused_andNoKeyIsInvented() {
        assertThatThrownBy(() -> new CredentialCipher(withKey(null), dataDir.toString(), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HL_SCHEMASYNC_CREDENTIALS_KEY").hasMessageContaining("external database");
        assertThat(dataDir.resolve("keys")).doesNotExist();
    }

    @Test
    void onAnExternalDatabase_theSharedKeyIsUsed() {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        UUID owner = UUID.randomUUID();
        byte[] sealed = new CredentialCipher(withKey(key), dataDir.toString(), false).encrypt(owner, "secret");

        assertThat(new CredentialCipher(withKey(key), dataDir.toString(), false).decrypt(owner, sealed)).isEqualTo("secret");
    }

    @Test
    void theEmbeddedDefault_generatesItsKeyOnce_ownerOnly_inAnOwnerOnlyDirectory() throws Exception {
        Path data = dataDir.resolve("data");
        UUID owner = UUID.randomUUID();
        byte[] sealed = new CredentialCipher(withKey(null), data.toString(), true).encrypt(owner, "secret");

        assertThat(new CredentialCipher(withKey(null), data.toString(), true).decrypt(owner, sealed)).isEqualTo("secret");
        assertThat(permissions(data.resolve("keys"))).isEqualTo("rwx------");
        assertThat(permissions(data.resolve("keys/schemasync-credentials.key"))).isEqualTo("rw-------");
    }

    @Test
    void aKeyFileThatCannotBeRead_stopsTheStart_andIsNotReplaced() throws Exception {
        Path file = Files.createDirectories(dataDir.resolve("keys/schemasync-credentials.key"));

        assertThatThrownBy(() -> new CredentialCipher(withKey(null), dataDir.toString(), true))
                .hasMessageContaining(file.toString()).hasMessageContaining("cannot be read");
        assertThat(file).isDirectory();
    }

    private static SchemaSyncConfig withKey(String key) {
        return (SchemaSyncConfig) Proxy.newProxyInstance(SchemaSyncConfig.class.getClassLoader(), new Class<?>[] {SchemaSyncConfig.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("credentialsKey")) {
                        return Optional.ofNullable(key);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
