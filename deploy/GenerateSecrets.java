import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Creates the secrets of deploy/compose.yaml once, in the directory given as the only argument:
 * the token key pair (PEM), the owner's and the runtime role's passwords (read by PostgreSQL's init
 * script) and secrets.properties (read by the app through QUARKUS_CONFIG_LOCATIONS). Run with
 * `java GenerateSecrets.java DIR` (a JDK's single-file launch); leaves an existing set alone, so that
 * a restart keeps the keys that signed issued tokens and the key that encrypted stored passwords.
 */
public class GenerateSecrets {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        if (Files.exists(dir.resolve("secrets.properties"))) {
            System.out.println("Secrets already in " + dir + ": kept");
            return;
        }
        Files.createDirectories(dir);
        SecureRandom random = new SecureRandom();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, random);
        KeyPair pair = generator.generateKeyPair();
        write(dir.resolve("verification-key.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        write(dir.resolve("signing-key.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        String ownerPassword = hex(random, 24);
        String appPassword = hex(random, 24);
        write(dir.resolve("postgres-password"), hex(random, 24));
        write(dir.resolve("owner-password"), ownerPassword);
        write(dir.resolve("app-password"), appPassword);
        byte[] credentialsKey = new byte[32];
        random.nextBytes(credentialsKey);
        // Written last: its presence marks a complete set
        write(dir.resolve("secrets.properties"), String.join("\n",
                "quarkus.flyway.password=" + ownerPassword,
                "quarkus.datasource.password=" + appPassword,
                "hl.schemasync.credentials-key=" + Base64.getEncoder().encodeToString(credentialsKey),
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

    // Readable by the owner only: compose's init service then hands each file to the one user that reads it
    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    }
}
