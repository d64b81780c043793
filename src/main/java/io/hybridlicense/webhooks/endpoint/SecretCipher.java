package io.hybridlicense.webhooks.endpoint;

import io.hybridlicense.shared.AesGcm;
import io.hybridlicense.webhooks.WebhooksConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Seals endpoints' signing secrets as data-source credentials are sealed ({@link AesGcm}, a fresh nonce
 * each, bound to the endpoint id): with {@code hl.webhooks.secrets-key}, else the credentials key
 * {@code hl.schemasync.credentials-key}, else (embedded database only) a key generated beside it.
 */
@ApplicationScoped
@Startup // a missing or malformed key fails the start, not the first registration
public class SecretCipher {

    private static final Logger LOG = Logger.getLogger(SecretCipher.class);
    private static final String KEY_FILE = "webhooks-secrets.key";

    private final AesGcm cipher;

    SecretCipher(WebhooksConfig config,
                 @ConfigProperty(name = "hl.schemasync.credentials-key") Optional<String> credentialsKey,
                 @ConfigProperty(name = "hl.data-dir") String dataDir,
                 @ConfigProperty(name = "hl.database.embedded", defaultValue = "false") boolean embeddedDatabase) {
        Optional<String> configured = config.secretsKey().or(() -> credentialsKey).filter(value -> !value.isBlank());
        if (configured.isEmpty() && !embeddedDatabase) {
            throw new IllegalStateException("hl.webhooks.secrets-key (HL_WEBHOOKS_SECRETS_KEY) or hl.schemasync.credentials-key "
                    + "(HL_SCHEMASYNC_CREDENTIALS_KEY) must be set with an external database: every instance has to seal "
                    + "webhook secrets with the same key (Base64 of 32 random bytes)");
        }
        byte[] raw = configured.map(value -> Base64.getDecoder().decode(value.strip()))
                .orElseGet(() -> AesGcm.localKey(Path.of(dataDir).resolve("keys").resolve(KEY_FILE),
                        file -> LOG.infof("Generating the webhook secrets key in %s (set hl.webhooks.secrets-key "
                                + "to use your own)", file)));
        if (raw.length != AesGcm.KEY_BYTES) {
            throw new IllegalStateException("hl.webhooks.secrets-key must be 32 bytes, Base64-encoded");
        }
        this.cipher = new AesGcm(raw);
    }

    public byte[] seal(UUID endpoint, String secret) {
        try {
            return cipher.seal(secret.getBytes(StandardCharsets.UTF_8), aad(endpoint));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal a webhook secret", e);
        }
    }

    public String open(UUID endpoint, byte[] sealed) {
        try {
            return new String(cipher.open(sealed, aad(endpoint)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not open the secret of endpoint " + endpoint + " (wrong key?)", e);
        }
    }

    private static byte[] aad(UUID endpoint) {
        return ("webhook:" + endpoint).getBytes(StandardCharsets.US_ASCII);
    }
}
