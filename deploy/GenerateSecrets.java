import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * Creates the secrets of deploy/compose.yaml once: in DIR the token key pair (PEM), the license files'
 * Ed25519 pair (a JWK set and a PEM private key), the runtime role's
 * password (read by PostgreSQL's init script) and secrets.properties (read by the serving app through
 * QUARKUS_CONFIG_LOCATIONS); in OWNER_DIR (default: DIR) the owner's password and owner.properties, read
 * only by PostgreSQL's init script and the one-shot migration step, so that the serving app never holds
 * them. Run with `java GenerateSecrets.java DIR [OWNER_DIR]` (a JDK's single-file launch); leaves an
 * existing set alone, so that a restart keeps the keys that signed issued tokens and the key that
 * encrypted stored passwords. Every file is owner-only from its first byte.
 */
public class GenerateSecrets {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path ownerDir = Path.of(args.length > 1 ? args[1] : args[0]);
        if (Files.exists(dir.resolve("secrets.properties"))) {
            System.out.println("Secrets already in " + dir + ": kept");
            return;
        }
        Files.createDirectories(dir);
        Files.createDirectories(ownerDir);
        SecureRandom random = new SecureRandom();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, random);
        KeyPair pair = generator.generateKeyPair();
        write(dir.resolve("verification-key.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        write(dir.resolve("signing-key.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        // the license files' own Ed25519 pair: the published JWK set (kid = RFC 7638 thumbprint) and the PEM private key
        KeyPair files = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] encoded = files.getPublic().getEncoded();
        String x = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
        String kid = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(("{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x + "\"}").getBytes(StandardCharsets.US_ASCII)));
        write(dir.resolve("license-file-keys.json"), "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x
                + "\",\"kid\":\"" + kid + "\",\"use\":\"sig\",\"alg\":\"EdDSA\"}]}\n");
        write(dir.resolve("license-file-sign-key.pem"), pem("PRIVATE KEY", files.getPrivate().getEncoded()));
        String ownerPassword = hex(random, 24);
        String appPassword = hex(random, 24);
        write(dir.resolve("postgres-password"), hex(random, 24));
        write(ownerDir.resolve("owner-password"), ownerPassword);
        write(ownerDir.resolve("owner.properties"), "quarkus.flyway.password=" + ownerPassword + "\n");
        write(dir.resolve("app-password"), appPassword);
        byte[] credentialsKey = new byte[32];
        random.nextBytes(credentialsKey);
        byte[] licenseFileSecretsKey = new byte[32];
        random.nextBytes(licenseFileSecretsKey);
        // Written last: its presence marks a complete set
        write(dir.resolve("secrets.properties"), String.join("\n",
                "quarkus.datasource.password=" + appPassword,
                "hl.schemasync.credentials-key=" + Base64.getEncoder().encodeToString(credentialsKey),
                "hl.license-file.secrets-key=" + Base64.getEncoder().encodeToString(licenseFileSecretsKey),
                ""));
        System.out.println("Secrets created in " + dir);
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    // Readable by the owner only from its creation on (never a moment with the umask's permissions): compose's
    // init service then hands each file to the one user that reads it. A file left by an interrupted run is replaced.
    private static void write(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try (var channel = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r--------")))) {
            channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII)));
        }
    }
}
