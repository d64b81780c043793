package io.hybridlicense.license.offline;

import io.hybridlicense.shared.AesGcm;
import io.hybridlicense.shared.Clock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The per-license secret of encrypted license files: 32 random bytes, given to the client once (Base64url,
 * in the activation answer) and stored sealed like data-source credentials ({@link AesGcm}, the license id
 * as associated data) under {@code hl.license-file.secrets-key}. The embedded default generates that key
 * in {@code HL_DATA_DIR/keys}; with an external database and no key set, no secret is issued and encrypted
 * checkout is refused (instances must share the key, as with the credentials key).
 */
@ApplicationScoped
public class FileSecrets {

    private static final Logger LOG = Logger.getLogger(FileSecrets.class);
    private static final String KEY_FILE = "license-file-secrets.key";

    private final AesGcm cipher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom(); // per bean, never static (see AesGcm)

    FileSecrets(LicenseFileConfig config,
                @ConfigProperty(name = "hl.data-dir") String dataDir,
                @ConfigProperty(name = "hl.database.embedded", defaultValue = "false") boolean embeddedDatabase, Clock clock) {
        this.clock = clock;
        Optional<byte[]> raw = config.secretsKey().map(value -> Base64.getDecoder().decode(value.strip()));
        if (raw.isEmpty() && embeddedDatabase) {
            raw = Optional.of(AesGcm.localKey(Path.of(dataDir).resolve("keys").resolve(KEY_FILE),
                    file -> LOG.infof("Generating the license file secrets key in %s (set hl.license-file.secrets-key "
                            + "to use your own)", file)));
        }
        if (raw.isPresent() && raw.get().length != AesGcm.KEY_BYTES) {
            throw new IllegalStateException("hl.license-file.secrets-key must be 32 bytes, Base64-encoded");
        }
        this.cipher = raw.map(AesGcm::new).orElse(null);
    }

    /** A new secret for a license just activated, stored sealed in the caller's transaction; empty without a key. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> issueFor(UUID licenseId) {
        if (cipher == null) {
            return Optional.empty();
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        FileSecretEntity row = new FileSecretEntity();
        row.licenseId = licenseId;
        try {
            row.sealed = cipher.seal(encoded.getBytes(StandardCharsets.US_ASCII), aad(licenseId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal a license file secret", e);
        }
        row.createdAt = clock.now();
        row.persist();
        return Optional.of(encoded);
    }

    /** The license's secret, or empty for a license activated before secrets existed (or with no key). */
    @Transactional(Transactional.TxType.SUPPORTS)
    Optional<String> secretOf(UUID licenseId) {
        if (cipher == null) {
            return Optional.empty();
        }
        return FileSecretEntity.<FileSecretEntity>findByIdOptional(licenseId).map(row -> {
            try {
                return new String(cipher.open(row.sealed, aad(licenseId)), StandardCharsets.US_ASCII);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Could not open the file secret of license " + licenseId
                        + " (hl.license-file.secrets-key changed?)", e);
            }
        });
    }

    boolean enabled() {
        return cipher != null;
    }

    private static byte[] aad(UUID licenseId) {
        return licenseId.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
