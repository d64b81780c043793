package io.hybridlicense.auth.apikey;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The form of a secret: {@code hl_} + a public prefix (12 base62 characters, 71 random bits: the lookup
 * key) + {@code _} + 32 random bytes in base62 (43 characters). Only the SHA-256 of the whole secret is
 * stored; the secret is long and random, so a fast hash is enough (nothing to stretch). The random source
 * is made at run time with the bean, never at build time (a native image would share its seed).
 */
@ApplicationScoped
class ApiKeySecrets {

    static final String SCHEME = "hl_";
    static final int PREFIX_LENGTH = 12;
    static final int BODY_BYTES = 32;
    static final int BODY_LENGTH = 43; // ceil(256 / log2(62))
    static final int LENGTH = SCHEME.length() + PREFIX_LENGTH + 1 + BODY_LENGTH;
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final BigInteger SIXTY_TWO = BigInteger.valueOf(62);

    private final SecureRandom random = new SecureRandom();

    record Secret(String prefix, String value) {
    }

    Secret generate() {
        String prefix = randomBase62(PREFIX_LENGTH);
        byte[] body = new byte[BODY_BYTES];
        random.nextBytes(body);
        return new Secret(prefix, SCHEME + prefix + "_" + base62(body, BODY_LENGTH));
    }

    /** The prefix of a well-formed secret; empty for anything else (nothing is looked up then). */
    static Optional<String> prefixOf(String secret) {
        if (secret == null || secret.length() != LENGTH || !secret.startsWith(SCHEME)
                || secret.charAt(SCHEME.length() + PREFIX_LENGTH) != '_') {
            return Optional.empty();
        }
        for (int i = SCHEME.length(); i < LENGTH; i++) {
            if (i != SCHEME.length() + PREFIX_LENGTH && !isBase62(secret.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(secret.substring(SCHEME.length(), SCHEME.length() + PREFIX_LENGTH));
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant time in the contents: how much of a guess is right does not show in the answer's timing. */
    static boolean matches(String secret, byte[] storedHash) {
        return MessageDigest.isEqual(hash(secret), storedHash);
    }

    private String randomBase62(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(BASE62[random.nextInt(BASE62.length)]);
        }
        return text.toString();
    }

    static String base62(byte[] bytes, int length) {
        BigInteger value = new BigInteger(1, bytes);
        char[] digits = new char[length];
        for (int i = length - 1; i >= 0; i--) {
            BigInteger[] divided = value.divideAndRemainder(SIXTY_TWO);
            digits[i] = BASE62[divided[1].intValue()];
            value = divided[0];
        }
        return new String(digits);
    }

    private static boolean isBase62(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }
}
