package io.hybridlicense.auth;

import io.hybridlicense.shared.Clock;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Token buckets per account and per client address, in PostgreSQL ({@link LoginBuckets}), so that they
 * hold across all instances. Every credential check first takes a token from both, each atomically,
 * and is refused with 429 when either is empty: however many requests arrive at once, on however many
 * instances, at most a bucket's capacity of passwords is checked per period. The tokens are given back
 * when the credentials were right (users sharing an address do not limit each other's successful
 * logins) or were never checked.
 */
@ApplicationScoped
class LoginThrottle {

    /** The tokens one credential check holds. */
    interface Attempt {
        /** The credentials were right, or were not checked: the attempt does not count. */
        void giveBack();
    }

    private final LoginBuckets buckets;
    private final Clock clock;
    private final AuthConfig.RateLimit config;

    LoginThrottle(LoginBuckets buckets, Clock clock, AuthConfig config) {
        this.buckets = buckets;
        this.clock = clock;
        this.config = config.rateLimit();
        if (this.config.accountFailures() < 1 || this.config.addressFailures() < 1 || this.config.period().isNegative()
                || this.config.period().isZero()) {
            throw new IllegalStateException("hl.auth.rate-limit: the allowances must be at least 1 and the period positive");
        }
    }

    /** Takes one token per bucket, or throws 429 with {@code Retry-After} and keeps none. */
    Attempt take(String account, String address) {
        String accountKey = "account:" + account;
        String addressKey = "address:" + address;
        Optional<Duration> byAccount = buckets.take(accountKey, config.accountFailures(), config.period(), clock.now());
        if (byAccount.isPresent()) {
            throw tooManyAttempts(byAccount.get());
        }
        Optional<Duration> byAddress = buckets.take(addressKey, config.addressFailures(), config.period(), clock.now());
        if (byAddress.isPresent()) {
            buckets.giveBack(accountKey, config.accountFailures(), config.period());
            throw tooManyAttempts(byAddress.get());
        }
        return () -> {
            buckets.giveBack(accountKey, config.accountFailures(), config.period());
            buckets.giveBack(addressKey, config.addressFailures(), config.period());
        };
    }

    /** Full buckets hold no information: deleting them bounds the table to recent failures. */
    @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetRecovered() {
        buckets.forgetFull(clock.now());
    }

    private static ProblemException tooManyAttempts(Duration wait) {
        long seconds = Math.max(1, wait.plusNanos(999_999_999L).toSeconds());
        return new ProblemException(Problem.of(429, "too-many-attempts", "Too Many Requests",
                "Too many failed attempts; retry in " + seconds + " s"), Map.of("Retry-After", Long.toString(seconds)));
    }
}
