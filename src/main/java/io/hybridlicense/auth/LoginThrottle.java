package io.hybridlicense.auth;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.hybridlicense.shared.Clock;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Bucket4j token buckets per account and per client address. Every credential check first takes a
 * token from both, atomically, and is refused with 429 when either is empty: however many requests
 * arrive at once, at most a bucket's capacity of passwords is checked per period. The tokens are given
 * back when the credentials were right (users sharing an address do not limit each other's successful
 * logins) or were never checked. In memory, per instance: with N instances an attacker gets N times
 * the allowance, which is still a small constant.
 */
@ApplicationScoped
class LoginThrottle {

    /** The tokens one credential check holds. */
    interface Attempt {
        /** The credentials were right, or were not checked: the attempt does not count. */
        void giveBack();
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AuthConfig.RateLimit config;
    private final TimeMeter time;

    LoginThrottle(AuthConfig config, Clock clock) {
        this.config = config.rateLimit();
        this.time = new ClockTimeMeter(clock);
    }

    /** Takes one token per bucket, or throws 429 with {@code Retry-After} and takes none. */
    Attempt take(String account, String address) {
        String accountKey = "account:" + account;
        String addressKey = "address:" + address;
        ConsumptionProbe byAccount = consume(accountKey);
        if (!byAccount.isConsumed()) {
            throw tooManyAttempts(byAccount.getNanosToWaitForRefill());
        }
        ConsumptionProbe byAddress = consume(addressKey);
        if (!byAddress.isConsumed()) {
            giveBack(accountKey);
            throw tooManyAttempts(byAddress.getNanosToWaitForRefill());
        }
        return () -> {
            giveBack(accountKey);
            giveBack(addressKey);
        };
    }

    /** Full buckets hold no information: dropping them bounds the memory to recent failures. */
    @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetRecovered() {
        for (String key : buckets.keySet()) {
            buckets.computeIfPresent(key, (k, bucket) -> bucket.getAvailableTokens() >= capacityOf(k) ? null : bucket);
        }
    }

    /** Inside the map's lock for the key, so that no bucket is forgotten between lookup and use. */
    private ConsumptionProbe consume(String key) {
        ConsumptionProbe[] probe = new ConsumptionProbe[1];
        buckets.compute(key, (k, existing) -> {
            Bucket bucket = existing != null ? existing : newBucket(capacityOf(k));
            probe[0] = bucket.tryConsumeAndReturnRemaining(1);
            return bucket;
        });
        return probe[0];
    }

    private void giveBack(String key) {
        buckets.computeIfPresent(key, (k, bucket) -> {
            bucket.addTokens(1);
            return bucket;
        });
    }

    private Bucket newBucket(int capacity) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, config.period()).build())
                .withCustomTimePrecision(time)
                .build();
    }

    private int capacityOf(String key) {
        return key.startsWith("account:") ? config.accountFailures() : config.addressFailures();
    }

    private static ProblemException tooManyAttempts(long waitNanos) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
        return new ProblemException(Problem.of(429, "too-many-attempts", "Too Many Requests",
                "Too many failed attempts; retry in " + seconds + " s"), Map.of("Retry-After", Long.toString(seconds)));
    }

    /** The application's clock as Bucket4j's time source, so that tests can stop and move time. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            Instant now = clock.now();
            return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
