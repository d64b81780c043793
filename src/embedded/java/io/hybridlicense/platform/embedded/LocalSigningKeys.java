package io.hybridlicense.platform.embedded;

import io.hybridlicense.shared.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;

/**
 * An RSA signing key generated on first start and kept as PEM files in the data directory, with the
 * public half also kept as a JSON Web Key Set ({@code jwks.json}, key id = RFC 7638 thumbprint). The
 * verification side reads the JWKS, so tokens carry a {@code kid} and a rotated deployment can
 * publish several keys the same way. Every file is owner-only from its creation, in an owner-only
 * directory, and written atomically; a new key is made only when there is no private key file at all
 * (one that cannot be read stops the start: a new key would sign the users out and fail every token).
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
            try {
                Optional<byte[]> privateKey = PrivateFiles.readIfExists(directory.resolve(PRIVATE_FILE));
                if (privateKey.isEmpty()) {
                    generate();
                    return;
                }
                Optional<byte[]> publicKey = PrivateFiles.readIfExists(directory.resolve(PUBLIC_FILE));
                PublicKey verification = publicKey.isPresent() ? publicKey(publicKey.get()) : publicHalfOf(privateKey.get());
                if (publicKey.isEmpty()) {
                    write(PUBLIC_FILE, pem("PUBLIC KEY", verification.getEncoded()));
                }
                if (PrivateFiles.readIfExists(directory.resolve(JWKS_FILE)).isEmpty()) {
                    // data directories from before the JWKS existed keep their key
                    write(JWKS_FILE, jwks(verification));
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The signing key in " + directory + " is damaged", e);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write the signing key to " + directory, e);
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

    /** The public files first: a crash before the private key is written leaves no key, and the next start makes one. */
    private void generate() throws GeneralSecurityException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        write(PUBLIC_FILE, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        write(JWKS_FILE, jwks(pair.getPublic()));
        write(PRIVATE_FILE, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    }

    private static String jwks(PublicKey key) throws GeneralSecurityException {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) key);
        jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
        jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        jwk.setUse("sig");
        return new JsonWebKeySet(jwk).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static PublicKey publicKey(byte[] pem) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
    }

    private static PublicKey publicHalfOf(byte[] privatePem) throws GeneralSecurityException {
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der(privatePem)));
        return rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    }

    private static byte[] der(byte[] pem) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        return Base64.getDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    private void write(String name, String content) throws IOException {
        PrivateFiles.write(directory.resolve(name), content.getBytes(StandardCharsets.US_ASCII));
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
