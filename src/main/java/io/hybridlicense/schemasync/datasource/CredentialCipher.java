package io.hybridlicense.schemasync.datasource;

import io.hybridlicense.schemasync.SchemaSyncConfig;
import io.hybridlicense.shared.PrivateFiles;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Encrypts stored database passwords with AES-256-GCM. Each value gets a fresh 96-bit nonce, stored in
 * front of the ciphertext, and is bound to its data source id (associated data), so a ciphertext copied
 * to another row does not decrypt.
 */
@ApplicationScoped
@Startup // a missing or malformed key fails the start, not the first registration
class CredentialCipher {

    private static final Logger LOG = Logger.getLogger(CredentialCipher.class);
    private static final String KEY_FILE = "schemasync-credentials.key";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKey key;

    CredentialCipher(SchemaSyncConfig config, @ConfigProperty(name = "hl.data-dir") String dataDir,
                     @ConfigProperty(name = "hl.database.embedded", defaultValue = "false") boolean embeddedDatabase) {
        if (config.credentialsKey().isEmpty() && !embeddedDatabase) {
            // several instances share an external database: a key each would not open the others' credentials
            throw new IllegalStateException("hl.schemasync.credentials-key (HL_SCHEMASYNC_CREDENTIALS_KEY) must be set "
                    + "with an external database: every instance has to encrypt with the same key (Base64 of 32 random "
                    + "bytes, e.g. openssl rand -base64 32)");
        }
        byte[] raw = config.credentialsKey().map(value -> Base64.getDecoder().decode(value.strip()))
                .orElseGet(() -> localKey(Path.of(dataDir).resolve("keys").resolve(KEY_FILE)));
        if (raw.length != 32) {
            throw new IllegalStateException("hl.schemasync.credentials-key must be 32 bytes, Base64-encoded");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    byte[] encrypt(UUID owner, String secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, owner, nonce);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a credential", e);
        }
    }

    String decrypt(UUID owner, byte[] stored) {
        try {
            byte[] nonce = java.util.Arrays.copyOf(stored, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, owner, nonce);
            byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not decrypt the credential of " + owner + " (wrong key?)", e);
        }
    }

    private Cipher cipher(int mode, UUID owner, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(owner.toString().getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }

    /**
     * The local default: a key generated on first use, owner-only from its first byte. Generated only when
     * there is no such file: one that cannot be read stops the start, since a new key would orphan every
     * stored credential.
     */
    private byte[] localKey(Path file) {
        synchronized (CredentialCipher.class) {
            try {
                byte[] stored = PrivateFiles.readOrCreate(file, () -> {
                    LOG.infof("Generating the credential encryption key in %s (set hl.schemasync.credentials-key "
                            + "to use your own)", file);
                    byte[] fresh = new byte[32];
                    random.nextBytes(fresh);
                    return Base64.getEncoder().encode(fresh);
                });
                return Base64.getDecoder().decode(new String(stored, StandardCharsets.US_ASCII).strip());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not create the credential key " + file, e);
            }
        }
    }
}
