package io.hybridlicense.auth;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts failed credential checks per account and per client address in Bucket4j token buckets
 * (one token per failure, refilled over the configured period). A caller whose bucket is empty gets
 * 429 before any password is checked. Only failures consume tokens, so users sharing an address are
 * not limited by each other's successful logins. In memory, per instance: with N instances an
 * attacker gets N times the allowance, which is still a small constant.
 */
@ApplicationScoped
class LoginThrottle {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AuthConfig.RateLimit config;

    LoginThrottle(AuthConfig config) {
        this.config = config.rateLimit();
    }

    void checkAllowed(String account, String address) {
        long waitNanos = Math.max(waitFor(accountKey(account)), waitFor(addressKey(address)));
        if (waitNanos > 0) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
            throw new ProblemException(Problem.of(429, "too-many-attempts", "Too Many Requests",
                    "Too many failed attempts; retry in " + seconds + " s"), Map.of("Retry-After", Long.toString(seconds)));
        }
    }

    void recordFailure(String account, String address) {
        bucket(accountKey(account), config.accountFailures()).tryConsume(1);
        bucket(addressKey(address), config.addressFailures()).tryConsume(1);
    }

    /** Full buckets hold no information: dropping them bounds the memory to recent failures. */
    @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetRecovered() {
        buckets.entrySet().removeIf(entry -> entry.getValue().getAvailableTokens() >= capacityOf(entry.getKey()));
    }

    private long waitFor(String key) {
        Bucket bucket = buckets.get(key);
        return bucket == null ? 0 : bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    private Bucket bucket(String key, int capacity) {
        return buckets.computeIfAbsent(key, ignored -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period()).build())
                .build());
    }

    private long capacityOf(String key) {
        return key.startsWith("account:") ? config.accountFailures() : config.addressFailures();
    }

    private Duration period() {
        return config.period();
    }

    private static String accountKey(String account) {
        return "account:" + account;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
