package io.hybridlicense.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2 (Bouncy Castle) in the PHC string format, {@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}, with
 * unpadded standard Base64 as every PHC implementation writes it (hashes made earlier by password4j
 * read the same).
 *
 * <p>The memory blocks come from a pool that keeps enough of them for the hashes that may run at once:
 * a hash then allocates almost nothing, where a fresh 19 MiB per hash (1 KiB arrays, alive for the
 * whole hash) filled the young generation, was promoted and made full collections stop the event
 * loops during a login storm (docs/PERFORMANCE.md).
 */
final class Argon2Phc {

    record Cost(Argon2Type type, int memoryKib, int iterations, int parallelism) {
    }

    enum Argon2Type {
        D(Argon2Parameters.ARGON2_d), I(Argon2Parameters.ARGON2_i), ID(Argon2Parameters.ARGON2_id);

        final int code;

        Argon2Type(int code) {
            this.code = code;
        }
    }

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2(id|i|d)\\$v=(16|19)\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,})\\$([A-Za-z0-9+/]{6,})");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

    private final Argon2BytesGenerator.BlockPool pool;

    /** @param pooledBlocks blocks kept for reuse: 1 KiB each, one per KiB of memory cost per concurrent hash */
    Argon2Phc(int pooledBlocks) {
        pool = new Argon2BytesGenerator.FixedBlockPool(pooledBlocks);
    }

    String hash(String password, Cost cost, byte[] salt, int hashBytes) {
        byte[] hash = derive(password, cost, Argon2Parameters.ARGON2_VERSION_13, salt, hashBytes);
        return "$argon2" + cost.type().name().toLowerCase() + "$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations()
                + ",p=" + cost.parallelism() + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /** {@code false} for a wrong password and for anything that is not a readable Argon2 PHC string. */
    boolean matches(String password, String phc) {
        Matcher parts = PHC.matcher(phc);
        if (!parts.matches()) {
            return false;
        }
        byte[] expected;
        byte[] salt;
        try {
            salt = Base64.getDecoder().decode(parts.group(6));
            expected = Base64.getDecoder().decode(parts.group(7));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        int version = parts.group(2).equals("19") ? Argon2Parameters.ARGON2_VERSION_13 : Argon2Parameters.ARGON2_VERSION_10;
        byte[] actual = derive(password, costOf(parts), version, salt, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** The cost a PHC string was made with, if it is one. */
    static Optional<Cost> costOf(String phc) {
        Matcher parts = PHC.matcher(phc);
        return parts.matches() ? Optional.of(costOf(parts)) : Optional.empty();
    }

    private static Cost costOf(Matcher parts) {
        return new Cost(Argon2Type.valueOf(parts.group(1).toUpperCase()), Integer.parseInt(parts.group(3)),
                Integer.parseInt(parts.group(4)), Integer.parseInt(parts.group(5)));
    }

    private byte[] derive(String password, Cost cost, int version, byte[] salt, int hashBytes) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(cost.type().code)
                .withVersion(version)
                .withMemoryAsKB(cost.memoryKib())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .withBlockPool(pool)
                .build());
        byte[] hash = new byte[hashBytes];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), hash);
        return hash;
    }
}
