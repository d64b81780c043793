package io.hybridlicense.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ed25519 keys on the JDK's own types (RFC 8037 JWKs: {@code kty: OKP}, {@code crv: Ed25519}, {@code x}), with no JOSE
 * library: a public key is its 32 raw bytes, which follow a fixed 12-byte prefix in the X.509 encoding.
 * The {@code kid} of a key is its RFC 7638 thumbprint. License files sign with it (and the embedded default
 * generates their key pair with it); signing runs on Bouncy Castle ({@link Signer}), verifying on the JDK.
 */
public final class Ed25519Keys {

    public static final String ALGORITHM = "Ed25519";
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final ObjectMapper JSON = new ObjectMapper();

    private Ed25519Keys() {
    }

    public static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        if (raw.length != 32) {
            throw new GeneralSecurityException("An Ed25519 public key has 32 bytes, not " + raw.length);
        }
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, 32);
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
    }

    public static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    public static String x(PublicKey key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw(key));
    }

    public static String thumbprint(PublicKey key) {
        try {
            String canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x(key) + "\"}";
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWK set of the given keys, each with {@code kid}, {@code use: sig} and {@code alg: EdDSA}. */
    public static String jwks(Map<String, PublicKey> keys) {
        ObjectNode set = JSON.createObjectNode();
        ArrayNode array = set.putArray("keys");
        keys.forEach((kid, key) -> array.addObject().put("kty", "OKP").put("crv", "Ed25519").put("x", x(key))
                .put("kid", kid).put("use", "sig").put("alg", "EdDSA"));
        return set.toString();
    }

    public static String jwks(Collection<PublicKey> keys) {
        Map<String, PublicKey> byId = new LinkedHashMap<>();
        keys.forEach(key -> byId.put(thumbprint(key), key));
        return jwks(byId);
    }

    /**
     * The Ed25519 keys of a JWK set (or of a single JWK), by {@code kid} (a key without one gets its
     * thumbprint). Keys of other types are skipped; a malformed set or Ed25519 key throws.
     */
    public static Map<String, PublicKey> parseJwks(String content) throws GeneralSecurityException {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("not JSON: " + e.getClass().getSimpleName());
        }
        if (root == null || !root.isObject()) {
            throw new GeneralSecurityException("not a JWK set");
        }
        JsonNode keys = root.has("keys") ? root.get("keys") : JSON.createArrayNode().add(root);
        if (!keys.isArray()) {
            throw new GeneralSecurityException("\"keys\" is not an array");
        }
        Map<String, PublicKey> found = new LinkedHashMap<>();
        for (JsonNode jwk : keys) {
            if (!"OKP".equals(jwk.path("kty").asText()) || !"Ed25519".equals(jwk.path("crv").asText())) {
                continue;
            }
            if (!jwk.path("x").isTextual()) {
                throw new GeneralSecurityException("an Ed25519 JWK without \"x\"");
            }
            PublicKey key = publicKey(Base64.getUrlDecoder().decode(jwk.get("x").asText()));
            found.put(jwk.path("kid").isTextual() ? jwk.get("kid").asText() : thumbprint(key), key);
        }
        return found;
    }

    /** A PKCS#8 private key, PEM ({@code -----BEGIN PRIVATE KEY-----}, as {@code openssl genpkey -algorithm ed25519}). */
    public static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("not a PEM private key");
        }
    }

    public static String pem(PrivateKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    /**
     * Signs with one key, its public half derived once. Bouncy Castle's RFC 8032 code: several times the
     * JDK's speed (whose field arithmetic was most of a checkout's CPU, docs/PERFORMANCE.md), and the same
     * signatures byte for byte, as Ed25519 is deterministic ({@code Ed25519KeysTest}). Thread-safe.
     */
    public static final class Signer {
        private final Ed25519PrivateKeyParameters key;

        private Signer(Ed25519PrivateKeyParameters key) {
            this.key = key;
            key.generatePublicKey(); // cached by the key: not derived again at each signature
        }

        public byte[] sign(byte[] message) {
            byte[] signature = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
            key.sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
            return signature;
        }
    }

    public static Signer signer(PrivateKey key) throws GeneralSecurityException {
        if (!(key instanceof EdECPrivateKey edKey)) {
            throw new GeneralSecurityException("not an Ed25519 private key");
        }
        byte[] seed = edKey.getBytes().orElseThrow(() -> new GeneralSecurityException("the private key's bytes are not available"));
        return new Signer(new Ed25519PrivateKeyParameters(seed));
    }

    public static byte[] sign(PrivateKey key, byte[] message) throws GeneralSecurityException {
        return signer(key).sign(message);
    }

    public static boolean verify(PublicKey key, byte[] message, byte[] signature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(ALGORITHM);
        verifier.initVerify(key);
        verifier.update(message);
        return verifier.verify(signature);
    }

    /**
     * The public half of a private key: the JDK has no call for it, but its generator, given the private
     * key's 32 bytes as its random source, makes exactly this pair again (RFC 8032 derives the public key
     * from those bytes alone).
     */
    public static PublicKey publicHalfOf(PrivateKey key) throws GeneralSecurityException {
        byte[] seed = ((java.security.interfaces.EdECPrivateKey) key).getBytes()
                .orElseThrow(() -> new GeneralSecurityException("the private key's bytes are not available"));
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance(ALGORITHM);
        generator.initialize(java.security.spec.NamedParameterSpec.ED25519, new java.security.SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, bytes.length);
            }
        });
        return generator.generateKeyPair().getPublic();
    }

    /** The published key that is the public half of {@code key} (the one that verifies its signature), if any. */
    public static String idOfPublishedKeyFor(PrivateKey key, Map<String, PublicKey> published) throws GeneralSecurityException {
        byte[] probe = "hybrid-license key probe".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = sign(key, probe);
        for (Map.Entry<String, PublicKey> candidate : published.entrySet()) {
            if (verify(candidate.getValue(), probe, signature)) {
                return candidate.getKey();
            }
        }
        return null;
    }
}
