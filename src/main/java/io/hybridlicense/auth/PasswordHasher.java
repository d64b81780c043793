package io.hybridlicense.auth;

import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Argon2id in PHC string format ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}): each hash carries its
 * own parameters, so raising the configured cost only affects new hashes and re-hashes at login.
 *
 * <p>Each hash takes a core and its memory for a noticeable time, so only a bounded number run at once
 * (by default one per core). A call that gets no slot within a short wait is refused with 503 and
 * {@code Retry-After}: under a flood of logins the server answers quickly instead of queueing without
 * end, and other requests keep their share of the CPU. Callers hash outside any transaction, so no
 * pooled connection waits on a hash.
 */
@ApplicationScoped
class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Argon2Phc argon2;
    private final Argon2Phc.Cost current;
    private final SecureRandom random = new SecureRandom();
    private final Semaphore slots;
    private final Duration slotWait;
    /** Checked against when the email is unknown, so that both failures cost the same time. */
    private final String decoyHash;

    @Inject
    PasswordHasher(AuthConfig config) {
        this(config.password().memoryKib(), config.password().iterations(), config.password().parallelism(),
                // one core is left to everything else: a login storm must not stall validation (docs/PERFORMANCE.md)
                config.password().concurrentHashes().orElse(Math.max(1, Runtime.getRuntime().availableProcessors() - 1)),
                config.password().slotWait());
    }

    PasswordHasher(int memoryKib, int iterations, int parallelism) {
        this(memoryKib, iterations, parallelism, Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(1));
    }

    PasswordHasher(int memoryKib, int iterations, int parallelism, int concurrentHashes, Duration slotWait) {
        current = new Argon2Phc.Cost(Argon2Phc.Argon2Type.ID, memoryKib, iterations, parallelism);
        slots = new Semaphore(Math.max(1, concurrentHashes), true);
        argon2 = new Argon2Phc(memoryKib * Math.max(1, concurrentHashes));
        this.slotWait = slotWait;
        decoyHash = hash(UUID.randomUUID().toString());
    }

    /** @throws ProblemException 503 {@code server-busy} with {@code Retry-After} when no slot frees in time */
    String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return inSlot(() -> argon2.hash(password, current, salt, HASH_BYTES));
    }

    /** @throws ProblemException 503 {@code server-busy} with {@code Retry-After} when no slot frees in time */
    boolean matches(String password, String hash) {
        return inSlot(() -> {
            try {
                return argon2.matches(password, hash);
            } catch (RuntimeException unreadableHash) {
                return false;
            }
        });
    }

    private <T> T inSlot(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(slotWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ProblemException(Problem.of(503, "server-busy", "Service Unavailable",
                    "Too many sign-ins at once; retry shortly"), Map.of("Retry-After", "1"));
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    /** Spends the time of a real check, for an unknown account. */
    void checkDecoy(String password) {
        matches(password, decoyHash);
    }

    /** {@code true} when the hash is weaker than (or differs in kind from) the configured cost. */
    boolean needsRehash(String hash) {
        return Argon2Phc.costOf(hash).map(stored -> stored.type() != current.type()
                || stored.memoryKib() < current.memoryKib()
                || stored.iterations() < current.iterations()
                || stored.parallelism() < current.parallelism()).orElse(true);
    }
}
