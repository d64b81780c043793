package io.hybridlicense.license.offline;

import io.hybridlicense.shared.AesGcm;
import io.hybridlicense.shared.Ed25519Keys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the test vectors of docs/license-files.md into {@code src/test/resources/license-files}
 * ({@code main}), deterministically: key pairs from fixed seeds, a fixed GCM nonce, fixed payloads. Run
 * {@code main} only when the format changes on purpose; {@link LicenseFileVectorsTest} checks that the
 * committed files are what this makes.
 */
final class LicenseFileVectors {

    static final Path DIRECTORY = Path.of("src/test/resources/license-files");
    static final String NOW = "2030-01-01T00:00:00Z";
    static final String CLIENT_ID = "machine-0001";
    static final String OTHER_CLIENT_ID = "machine-0002";
    static final String SECRET = Base64.getUrlEncoder().withoutPadding().encodeToString(seed("file secret"));

    private LicenseFileVectors() {
    }

    public static void main(String... args) throws Exception {
        for (Map.Entry<String, byte[]> file : generate().entrySet()) {
            Files.write(DIRECTORY.resolve(file.getKey()), file.getValue());
        }
        System.out.println("Wrote the license file vectors to " + DIRECTORY.toAbsolutePath());
    }

    /** File name → content. */
    static Map<String, byte[]> generate() throws GeneralSecurityException {
        KeyPair key = pair("hybrid-license test vector key 1");
        KeyPair other = pair("hybrid-license test vector key 2");
        String kid = Ed25519Keys.thumbprint(key.getPublic());
        String otherKid = Ed25519Keys.thumbprint(other.getPublic());
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("keys.json", (Ed25519Keys.jwks(List.of(key.getPublic())) + "\n").getBytes(StandardCharsets.US_ASCII));
        files.put("sign-key.pem", ascii(Ed25519Keys.pem(key.getPrivate())));
        byte[] valid = payload(CLIENT_ID, "2099-01-01T00:00:00Z");
        files.put("valid-plain.lic", ascii(LicenseFileFormat.write(valid, false, key.getPrivate(), kid)));
        files.put("valid-encrypted.lic", ascii(LicenseFileFormat.write(encrypted(valid, CLIENT_ID), true, key.getPrivate(), kid)));
        files.put("wrong-machine.lic", ascii(LicenseFileFormat.write(encrypted(payload(OTHER_CLIENT_ID, "2099-01-01T00:00:00Z"),
                OTHER_CLIENT_ID), true, key.getPrivate(), kid)));
        files.put("expired.lic", ascii(LicenseFileFormat.write(payload(CLIENT_ID, "2029-12-31T23:59:59Z"), false, key.getPrivate(), kid)));
        files.put("wrong-key.lic", ascii(LicenseFileFormat.write(valid, false, other.getPrivate(), kid)));
        files.put("unknown-kid.lic", ascii(LicenseFileFormat.write(valid, false, other.getPrivate(), otherKid)));
        files.put("tampered.lic", ascii(tampered(new String(valid, StandardCharsets.UTF_8), key, kid)));
        files.put("wrong-alg.lic", ascii(LicenseFileFormat.armor(("{\"enc\":\"" + Base64.getEncoder().encodeToString(valid)
                + "\",\"sig\":\"" + Base64.getEncoder().encodeToString(Ed25519Keys.sign(key.getPrivate(),
                LicenseFileFormat.signed(Base64.getEncoder().encodeToString(valid)))) + "\",\"alg\":\"base64+rsa\",\"kid\":\""
                + kid + "\"}").getBytes(StandardCharsets.UTF_8))));
        files.put("malformed.lic", ascii(LicenseFileFormat.BEGIN + "\nbm90IGpzb24=\n" + LicenseFileFormat.END + "\n"));
        byte[] oversized = new byte[LicenseFileFormat.MAX_BYTES + 1];
        Arrays.fill(oversized, (byte) 'A');
        files.put("oversized.lic", oversized);
        files.put("vectors.json", ascii(manifest()));
        return files;
    }

    private static String manifest() {
        String machine = ",\"clientId\":\"" + CLIENT_ID + "\",\"secret\":\"" + SECRET + "\"";
        return "{\n  \"keys\": \"keys.json\",\n  \"now\": \"" + NOW + "\",\n  \"vectors\": [\n"
                + "    {\"file\":\"valid-plain.lic\",\"expect\":\"valid\"},\n"
                + "    {\"file\":\"valid-plain.lic\",\"clientId\":\"" + OTHER_CLIENT_ID + "\",\"expect\":\"wrong-machine\"},\n"
                + "    {\"file\":\"valid-encrypted.lic\"" + machine + ",\"expect\":\"valid\"},\n"
                + "    {\"file\":\"valid-encrypted.lic\",\"expect\":\"secret-required\"},\n"
                + "    {\"file\":\"valid-encrypted.lic\",\"clientId\":\"" + OTHER_CLIENT_ID + "\",\"secret\":\"" + SECRET
                + "\",\"expect\":\"wrong-machine\"},\n"
                + "    {\"file\":\"wrong-machine.lic\"" + machine + ",\"expect\":\"wrong-machine\"},\n"
                + "    {\"file\":\"expired.lic\",\"expect\":\"expired\"},\n"
                + "    {\"file\":\"wrong-key.lic\",\"expect\":\"bad-signature\"},\n"
                + "    {\"file\":\"unknown-kid.lic\",\"expect\":\"unknown-kid\"},\n"
                + "    {\"file\":\"tampered.lic\",\"expect\":\"bad-signature\"},\n"
                + "    {\"file\":\"wrong-alg.lic\",\"expect\":\"wrong-alg\"},\n"
                + "    {\"file\":\"malformed.lic\",\"expect\":\"malformed\"},\n"
                + "    {\"file\":\"oversized.lic\",\"expect\":\"oversized\"}\n  ]\n}\n";
    }

    private static byte[] payload(String clientId, String expiry) {
        return ("{\"licenseId\":\"3f1c2a9e-6b1d-4e8a-9c35-0f7d2b8e4a61\",\"userId\":\"8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d\","
                + "\"clientId\":\"" + clientId + "\",\"plan\":\"pro\",\"policy\":null,\"entitlements\":[],"
                + "\"issued\":\"2026-12-07T00:00:00Z\",\"expiry\":\"" + expiry + "\",\"heartbeat\":null}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encrypted(byte[] payload, String clientId) throws GeneralSecurityException {
        byte[] nonce = Arrays.copyOf(seed("nonce " + clientId), AesGcm.NONCE_BYTES);
        return new AesGcm(LicenseFileFormat.hkdfKey(new LicenseFileFormat.Machine(clientId, SECRET))).seal(nonce, payload, null);
    }

    /** A valid file whose payload was then changed (plan pro → enterprise) and re-armored, the signature kept. */
    private static String tampered(String payload, KeyPair key, String kid) throws GeneralSecurityException {
        String enc = Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        String sig = Base64.getEncoder().encodeToString(Ed25519Keys.sign(key.getPrivate(), LicenseFileFormat.signed(enc)));
        String altered = Base64.getEncoder().encodeToString(payload.replace("\"pro\"", "\"enterprise\"").getBytes(StandardCharsets.UTF_8));
        return LicenseFileFormat.armor(("{\"enc\":\"" + altered + "\",\"sig\":\"" + sig + "\",\"alg\":\"base64+ed25519\",\"kid\":\""
                + kid + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** An Ed25519 pair from a fixed seed: the JDK's generator reads exactly its 32 private bytes from the random source. */
    private static KeyPair pair(String label) throws GeneralSecurityException {
        byte[] seed = seed(label);
        KeyPairGenerator generator = KeyPairGenerator.getInstance(Ed25519Keys.ALGORITHM);
        generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, bytes.length);
            }
        });
        return generator.generateKeyPair();
    }

    private static byte[] seed(String label) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
