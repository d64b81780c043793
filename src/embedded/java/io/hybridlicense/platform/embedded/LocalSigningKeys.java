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
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;

/**
 * An RSA signing key generated on first start and kept as PEM files in the data directory, with the
 * public half also kept as a JSON Web Key Set ({@code jwks.json}, key id = RFC 7638 thumbprint). The
 * verification side reads the JWKS, so tokens carry a {@code kid} and a rotated deployment can
 * publish several keys the same way.
 */
final class LocalSigningKeys {

    private static final String PRIVATE_FILE = "signing-key.pem";
    private static final String PUBLIC_FILE = "verification-key.pem";
    private static final String JWKS_FILE = "jwks.json";

    private final Path directory;

    LocalSigningKeys(Path directory) {
        this.directory = directory;
    }

    void createIfMissing() {
        synchronized (LocalSigningKeys.class) {
            if (!Files.isReadable(directory.resolve(PRIVATE_FILE)) || !Files.isReadable(directory.resolve(PUBLIC_FILE))) {
                generate();
            }
            if (!Files.isReadable(directory.resolve(JWKS_FILE))) {
                // data directories from before the JWKS existed keep their key
                writeJwks();
            }
        }
    }

    String privateKeyLocation() {
        return directory.resolve(PRIVATE_FILE).toUri().toString();
    }

    /** The verification keys as a JWK set: what {@code mp.jwt.verify.publickey.location} points at. */
    String publicKeyLocation() {
        return directory.resolve(JWKS_FILE).toUri().toString();
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
            writeJwks();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not generate the signing key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the signing key to " + directory, e);
        }
    }

    private void writeJwks() {
        try {
            String pem = Files.readString(directory.resolve(PUBLIC_FILE), StandardCharsets.US_ASCII);
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) key);
            jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
            jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            jwk.setUse("sig");
            write(JWKS_FILE, new JsonWebKeySet(jwk).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not read the verification key in " + directory, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the key set to " + directory, e);
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
