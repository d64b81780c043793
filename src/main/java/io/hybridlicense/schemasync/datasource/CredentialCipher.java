package io.hybridlicense.schemasync.datasource;

import io.hybridlicense.schemasync.SchemaSyncConfig;
import io.hybridlicense.shared.AesGcm;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Encrypts stored database passwords with AES-256-GCM ({@link AesGcm}). Each value gets a fresh 96-bit
 * nonce, stored in front of the ciphertext, and is bound to its data source id (associated data), so a ciphertext copied
 * to another row does not decrypt.
 */
@ApplicationScoped
@Startup // a missing or malformed key fails the start, not the first registration
class CredentialCipher {

    private static final Logger LOG = Logger.getLogger(CredentialCipher.class);
    private static final String KEY_FILE = "schemasync-credentials.key";

    private final AesGcm cipher;

    CredentialCipher(SchemaSyncConfig config, @ConfigProperty(name = "hl.data-dir") String dataDir,
                     @ConfigProperty(name = "hl.database.embedded", defaultValue = "false") boolean embeddedDatabase) {
        if (config.credentialsKey().isEmpty() && !embeddedDatabase) {
            // several instances share an external database: a key each would not open the others' credentials
            throw new IllegalStateException("hl.schemasync.credentials-key (HL_SCHEMASYNC_CREDENTIALS_KEY) must be set "
                    + "with an external database: every instance has to encrypt with the same key (Base64 of 32 random "
                    + "bytes, e.g. openssl rand -base64 32)");
        }
        byte[] raw = config.credentialsKey().map(value -> Base64.getDecoder().decode(value.strip()))
                .orElseGet(() -> AesGcm.localKey(Path.of(dataDir).resolve("keys").resolve(KEY_FILE),
                        file -> LOG.infof("Generating the credential encryption key in %s (set hl.schemasync.credentials-key "
                                + "to use your own)", file)));
        if (raw.length != 32) {
            throw new IllegalStateException("hl.schemasync.credentials-key must be 32 bytes, Base64-encoded");
        }
        this.cipher = new AesGcm(raw);
    }

    byte[] encrypt(UUID owner, String secret) {
        try {
            return cipher.seal(secret.getBytes(StandardCharsets.UTF_8), aad(owner));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a credential", e);
        }
    }

    String decrypt(UUID owner, byte[] stored) {
        try {
            return new String(cipher.open(stored, aad(owner)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not decrypt the credential of " + owner + " (wrong key?)", e);
        }
    }

    private static byte[] aad(UUID owner) {
        return owner.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
