package io.hybridlicense.license.offline;

import io.hybridlicense.shared.Ed25519Keys;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.util.ResourceUtils;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The Ed25519 keys of license files, their own pair (not the token key): the published public keys
 * ({@code hl.license-file.keys-location}, a JWK set) and the signing key
 * ({@code hl.license-file.sign-key-location}, PKCS#8 PEM). Rotation as with the token keys: publish the
 * old and the new public key and point the signing location at the new private key; files signed by the
 * old key keep verifying while its public key is published. The start fails when only one location is
 * set, or when the signing key is not among the published keys. With neither set (an external database
 * given no keys: the embedded default generates them only for its own database) the server runs without
 * license files: checkout answers 503 and the published set is empty.
 */
@Startup
@ApplicationScoped
class LicenseFileKeys {

    private static final Logger LOG = Logger.getLogger(LicenseFileKeys.class);

    private final Map<String, PublicKey> published;
    private final PrivateKey signingKey;
    private final String signingKeyId;
    private final Ed25519Keys.Signer signer;

    LicenseFileKeys(LicenseFileConfig config) {
        Optional<String> keysLocation = config.keysLocation();
        Optional<String> signKeyLocation = config.signKeyLocation();
        if (keysLocation.isEmpty() && signKeyLocation.isEmpty()) {
            LOG.warn("No license file keys (hl.license-file.keys-location and hl.license-file.sign-key-location): "
                    + "license file checkout is off");
            published = Map.of();
            signingKey = null;
            signingKeyId = null;
            signer = null;
            return;
        }
        String keys = keysLocation.orElseThrow(() -> new IllegalStateException(
                "hl.license-file.sign-key-location is set: set hl.license-file.keys-location (HL_LICENSE_FILE_KEYS_LOCATION) too"));
        String sign = signKeyLocation.orElseThrow(() -> new IllegalStateException(
                "hl.license-file.keys-location is set: set hl.license-file.sign-key-location (HL_LICENSE_FILE_SIGN_KEY_LOCATION) too"));
        try {
            published = Map.copyOf(Ed25519Keys.parseJwks(ResourceUtils.readResource(keys)));
            signingKey = Ed25519Keys.privateKey(ResourceUtils.readResource(sign));
            signingKeyId = Ed25519Keys.idOfPublishedKeyFor(signingKey, published);
            signer = Ed25519Keys.signer(signingKey);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("Could not read the license file keys (" + keys + ", " + sign + "): " + e.getMessage(), e);
        }
        if (signingKeyId == null) {
            throw new IllegalStateException("The license file signing key's public half is not among the keys published in "
                    + keys + ": no client could verify its files");
        }
    }

    boolean enabled() {
        return signingKey != null;
    }

    /** The published keys as a JWK set (the document of {@code /.well-known/license-keys.json}). */
    String publicJwks() {
        return Ed25519Keys.jwks(published);
    }

    /** The signing key, ready to sign (its public half derived once). */
    Ed25519Keys.Signer signer() {
        return signer;
    }

    String signingKeyId() {
        return signingKeyId;
    }
}
