package io.hybridlicense.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** An RSA signing key generated on first start and kept as PEM files in the data directory. */
final class LocalSigningKeys {

    private static final String PRIVATE_FILE = "signing-key.pem";
    private static final String PUBLIC_FILE = "verification-key.pem";

    private final Path directory;

    LocalSigningKeys(Path directory) {
        this.directory = directory;
    }

    void createIfMissing() {
        synchronized (LocalSigningKeys.class) {
            if (!Files.isReadable(directory.resolve(PRIVATE_FILE)) || !Files.isReadable(directory.resolve(PUBLIC_FILE))) {
                generate();
            }
        }
    }

    String privateKeyLocation() {
        return directory.resolve(PRIVATE_FILE).toUri().toString();
    }

    String publicKeyLocation() {
        return directory.resolve(PUBLIC_FILE).toUri().toString();
    }

    private void generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(directory);
            write(PUBLIC_FILE, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Path privateKey = write(PRIVATE_FILE, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            restrictToOwner(privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not generate the signing key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the signing key to " + directory, e);
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content, StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the data directory's ACL
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
