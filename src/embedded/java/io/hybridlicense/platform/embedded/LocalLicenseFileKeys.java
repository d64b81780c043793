package io.hybridlicense.platform.embedded;

import io.hybridlicense.shared.Ed25519Keys;
import io.hybridlicense.shared.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.List;

/**
 * The Ed25519 pair that signs license files, generated on first start beside the token keys and made the
 * same way ({@link LocalSigningKeys}): owner-only files in an owner-only directory, written atomically,
 * the public set first, a new pair only when there is no private key file at all, and a missing public set
 * derived again from the private key.
 */
final class LocalLicenseFileKeys {

    private static final String PRIVATE_FILE = "license-file-sign-key.pem";
    private static final String JWKS_FILE = "license-file-keys.json";

    private final Path directory;

    LocalLicenseFileKeys(Path directory) {
        this.directory = directory;
    }

    void createIfMissing() {
        synchronized (LocalLicenseFileKeys.class) {
            try {
                var existing = PrivateFiles.readIfExists(directory.resolve(PRIVATE_FILE));
                if (existing.isPresent()) {
                    if (PrivateFiles.readIfExists(directory.resolve(JWKS_FILE)).isEmpty()) {
                        PrivateKey key = Ed25519Keys.privateKey(new String(existing.get(), StandardCharsets.US_ASCII));
                        write(JWKS_FILE, Ed25519Keys.jwks(List.of(Ed25519Keys.publicHalfOf(key))) + "\n");
                    }
                    return;
                }
                KeyPair pair = KeyPairGenerator.getInstance(Ed25519Keys.ALGORITHM).generateKeyPair();
                write(JWKS_FILE, Ed25519Keys.jwks(List.of(pair.getPublic())) + "\n");
                write(PRIVATE_FILE, Ed25519Keys.pem(pair.getPrivate()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Could not generate the license file key", e);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write the license file key to " + directory, e);
            }
        }
    }

    /** The published set: what {@code hl.license-file.keys-location} points at. */
    String publicKeysLocation() {
        return directory.resolve(JWKS_FILE).toUri().toString();
    }

    String privateKeyLocation() {
        return directory.resolve(PRIVATE_FILE).toUri().toString();
    }

    private void write(String name, String content) throws IOException {
        PrivateFiles.write(directory.resolve(name), content.getBytes(StandardCharsets.US_ASCII));
    }
}
