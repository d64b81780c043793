package io.hybridlicense.license.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybridlicense.shared.AesGcm;
import io.hybridlicense.shared.Ed25519Keys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The license file format, as docs/license-files.md specifies it byte for byte: an armored block of
 * Base64 (standard alphabet, padded, lines of 64) holding the envelope JSON {@code {enc, sig, alg, kid}};
 * {@code sig} is Ed25519 over the ASCII bytes of {@code "license/" + enc}. With encryption, {@code enc} is
 * {@code nonce(12) || ciphertext || tag(16)} of AES-256-GCM (no associated data) under the key HKDF-SHA256
 * derives from the license's file secret ({@link #hkdfKey}).
 */
final class LicenseFileFormat {

    static final String BEGIN = "-----BEGIN HYBRID LICENSE FILE-----";
    static final String END = "-----END HYBRID LICENSE FILE-----";
    static final String PLAIN = "base64+ed25519";
    static final String ENCRYPTED = "aes-256-gcm+ed25519";
    static final String SIGNING_PREFIX = "license/";
    static final String HKDF_INFO = "hybrid-license-file/aes-256-gcm";
    static final int MAX_BYTES = 16 * 1024;
    private static final int LINE = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    private LicenseFileFormat() {
    }

    /** The machine a file is encrypted for: its client id and the license's file secret (Base64url, 32 bytes). */
    record Machine(String clientId, String secret) {
    }

    /** A signed file of {@code payload} (the payload JSON's UTF-8 bytes); encrypted when {@code machine} is given. */
    static String write(byte[] payload, Ed25519Keys.Signer key, String kid, Machine machine) throws GeneralSecurityException {
        byte[] body = payload;
        if (machine != null) {
            body = new AesGcm(hkdfKey(machine)).seal(payload, null);
        }
        return write(body, machine != null, key, kid);
    }

    /** For fixed test vectors: {@code body} is already the encrypted form when {@code encrypted}. */
    static String write(byte[] body, boolean encrypted, PrivateKey key, String kid) throws GeneralSecurityException {
        return write(body, encrypted, Ed25519Keys.signer(key), kid);
    }

    private static String write(byte[] body, boolean encrypted, Ed25519Keys.Signer key, String kid) {
        String enc = Base64.getEncoder().encodeToString(body);
        String sig = Base64.getEncoder().encodeToString(key.sign(signed(enc)));
        ObjectNode envelope = JSON.createObjectNode().put("enc", enc).put("sig", sig)
                .put("alg", encrypted ? ENCRYPTED : PLAIN).put("kid", kid);
        return armor(envelope.toString().getBytes(StandardCharsets.UTF_8));
    }

    static byte[] signed(String enc) {
        return (SIGNING_PREFIX + enc).getBytes(StandardCharsets.US_ASCII);
    }

    static String armor(byte[] envelope) {
        String base64 = Base64.getEncoder().encodeToString(envelope);
        StringBuilder text = new StringBuilder(BEGIN).append('\n');
        for (int i = 0; i < base64.length(); i += LINE) {
            text.append(base64, i, Math.min(base64.length(), i + LINE)).append('\n');
        }
        return text.append(END).append('\n').toString();
    }

    /**
     * HKDF-SHA256 (RFC 5869): IKM = the secret's 32 bytes (Base64url-decoded), salt = the client id's UTF-8
     * bytes, info = {@link #HKDF_INFO} (ASCII), L = 32. One block of the expand step suffices.
     */
    static byte[] hkdfKey(Machine machine) throws GeneralSecurityException {
        byte[] secret;
        try {
            secret = Base64.getUrlDecoder().decode(machine.secret().strip());
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("the secret is not Base64url");
        }
        byte[] salt = machine.clientId().getBytes(StandardCharsets.UTF_8);
        Mac extract = Mac.getInstance("HmacSHA256");
        extract.init(new SecretKeySpec(salt.length == 0 ? new byte[32] : salt, "HmacSHA256"));
        byte[] prk = extract.doFinal(secret);
        Mac expand = Mac.getInstance("HmacSHA256");
        expand.init(new SecretKeySpec(prk, "HmacSHA256"));
        expand.update(HKDF_INFO.getBytes(StandardCharsets.US_ASCII));
        expand.update((byte) 1);
        return expand.doFinal();
    }
}
