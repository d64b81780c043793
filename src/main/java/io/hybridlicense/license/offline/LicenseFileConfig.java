package io.hybridlicense.license.offline;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Settings of license files, under {@code hl.license-file} (environment: {@code HL_LICENSE_FILE_…}). The
 * embedded default generates all three in {@code HL_DATA_DIR/keys} when none is set.
 */
@ConfigMapping(prefix = "hl.license-file")
public interface LicenseFileConfig {

    /**
     * The published public keys that verify license files: a JWK set ({@code kty: OKP}, {@code crv: Ed25519})
     * or a single JWK, by location ({@code file:}, {@code classpath:} or a path). Publish the old and the new key
     * while rotating.
     */
    Optional<String> keysLocation();

    /** The Ed25519 private key that signs license files (PKCS#8 PEM), by location; its public half must be published. */
    Optional<String> signKeyLocation();

    /**
     * Base64 AES-256 key that seals the per-license file secrets at rest; the same on every instance. Unset with an
     * external database: no file secrets are issued and encrypted checkout answers 409.
     */
    Optional<String> secretsKey();
}
