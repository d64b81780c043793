package io.hybridlicense.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Argon2id in PHC string format ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}): each hash carries its
 * own parameters, so raising the configured cost only affects new hashes and re-hashes at login.
 */
@ApplicationScoped
class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Argon2Function current;
    /** Checked against when the email is unknown, so that both failures cost the same time. */
    private final String decoyHash;

    @Inject
    PasswordHasher(AuthConfig config) {
        this(config.password().memoryKib(), config.password().iterations(), config.password().parallelism());
    }

    PasswordHasher(int memoryKib, int iterations, int parallelism) {
        current = Argon2Function.getInstance(memoryKib, iterations, parallelism, HASH_BYTES, Argon2.ID,
                Argon2Function.ARGON2_VERSION_13);
        decoyHash = hash(UUID.randomUUID().toString());
    }

    String hash(String password) {
        return Password.hash(password).addRandomSalt(SALT_BYTES).with(current).getResult();
    }

    boolean matches(String password, String hash) {
        try {
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException unreadableHash) {
            return false;
        }
    }

    /** Spends the time of a real check, for an unknown account. */
    void checkDecoy(String password) {
        matches(password, decoyHash);
    }

    /** {@code true} when the hash is weaker than (or differs in kind from) the configured cost. */
    boolean needsRehash(String hash) {
        Argon2Function stored = Argon2Function.getInstanceFromHash(hash);
        return stored.getVariant() != Argon2.ID
                || stored.getMemory() < current.getMemory()
                || stored.getIterations() < current.getIterations()
                || stored.getParallelism() < current.getParallelism();
    }
}
