package io.hybridlicense.schemasync.datasource;

import io.hybridlicense.schemasync.SchemaSyncConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    CredentialCipher(SchemaSyncConfig config, @ConfigProperty(name = "hl.data-dir") String dataDir) {
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

    /** The local default: a key generated on first use, readable by this user only. */
    private byte[] localKey(Path file) {
        synchronized (CredentialCipher.class) {
            try {
                if (!Files.isReadable(file)) {
                    LOG.infof("Generating the credential encryption key in %s (set hl.schemasync.credentials-key "
                            + "to use your own)", file);
                    Files.createDirectories(file.getParent());
                    byte[] fresh = new byte[32];
                    random.nextBytes(fresh);
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
                    restrictToOwner(file);
                }
                return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read or create the credential key " + file, e);
            }
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the data directory's ACL
        }
    }
}
