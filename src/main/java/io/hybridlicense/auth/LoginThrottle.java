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
 *
 * <p>Registrations take a token from a bucket of their own per client address ({@code registration:<ip>},
 * a bucket kind beside {@code account:} and {@code address:}), before the password is hashed; it is
 * given back only when no hash was computed.
 *
 * <p>An address bucket is per IPv4 address but per IPv6 /64 ({@link AddressBlocks}).
 */
@ApplicationScoped
public class LoginThrottle {

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
        if (this.config.accountFailures() < 1 || this.config.addressFailures() < 1 || this.config.registrations() < 1
                || !isPositive(this.config.period()) || !isPositive(this.config.registrationPeriod())) {
            throw new IllegalStateException("hl.auth.rate-limit: the allowances must be at least 1 and the periods positive");
        }
    }

    /** Takes one token per bucket, or throws 429 with {@code Retry-After} and keeps none. */
    Attempt take(String account, String address) {
        String accountKey = "account:" + account;
        String addressKey = "address:" + AddressBlocks.of(address);
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

    /**
     * Takes one token of the address's failure bucket only (the one wrong passwords take from): a check of
     * a secret that belongs to no account, such as the set-up code.
     */
    Attempt takeAddress(String address) {
        String addressKey = "address:" + AddressBlocks.of(address);
        Optional<Duration> wait = buckets.take(addressKey, config.addressFailures(), config.period(), clock.now());
        if (wait.isPresent()) {
            throw tooManyAttempts(wait.get());
        }
        return () -> buckets.giveBack(addressKey, config.addressFailures(), config.period());
    }

    /**
     * A failed API-key check from {@code address} (an unknown key, a wrong secret, a revoked key): takes a
     * token of the address's bucket for good, the one failed logins take from, or throws 429 with
     * {@code Retry-After} when it is empty. Nothing is taken for a key that checks out, so using a valid
     * key costs no write.
     */
    public void countFailedKey(String address) {
        takeAddress(address);
    }

    /** Takes one token of the address's registration bucket, or throws 429 with {@code Retry-After}. */
    Attempt takeRegistration(String address) {
        String key = "registration:" + AddressBlocks.of(address);
        Optional<Duration> wait = buckets.take(key, config.registrations(), config.registrationPeriod(), clock.now());
        if (wait.isPresent()) {
            throw tooMany("too-many-registrations", "Too many registrations from this address", wait.get());
        }
        return () -> buckets.giveBack(key, config.registrations(), config.registrationPeriod());
    }

    /** Full buckets hold no information: deleting them bounds the table to recent failures. */
    @Scheduled(every = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetRecovered() {
        buckets.forgetFull(clock.now());
    }

    private static ProblemException tooManyAttempts(Duration wait) {
        return tooMany("too-many-attempts", "Too many failed attempts", wait);
    }

    private static ProblemException tooMany(String type, String what, Duration wait) {
        long seconds = Math.max(1, wait.plusNanos(999_999_999L).toSeconds());
        return new ProblemException(Problem.of(429, type, "Too Many Requests", what + "; retry in " + seconds + " s"),
                Map.of("Retry-After", Long.toString(seconds)));
    }

    private static boolean isPositive(Duration period) {
        return !period.isNegative() && !period.isZero();
    }
}
