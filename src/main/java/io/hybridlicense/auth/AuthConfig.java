package io.hybridlicense.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the auth module, under {@code hl.auth}. */
@ConfigMapping(prefix = "hl.auth")
public interface AuthConfig {

    /**
     * Whether anyone may register an account ({@code POST /api/v1/auth/register} and the console's sign-up
     * page). {@code false}: the API answers 403
     * {@code registration-closed}, the console's sign-up page 404 and the sign-in page links none. Environment {@code HL_AUTH_SELF_REGISTRATION}.
     */
    @WithDefault("true")
    boolean selfRegistration();

    /** Access tokens. */
    Tokens tokens();

    /** Argon2id password hashing cost; raising it re-hashes each password at its next successful login. */
    Password password();

    /** Brute-force protection of login and activation, and the registration limit. */
    RateLimit rateLimit();

    /** The administrator created at start if absent. */
    FirstAdmin firstAdmin();

    /** Long-lived API keys ({@code Authorization: Bearer hl_…}). */
    ApiKeys apiKeys();

    interface ApiKeys {
        /** How many keys each instance keeps in memory, so that a request made with one needs no query. */
        @WithDefault("10000")
        long cacheSize();

        /**
         * How long a remembered key is trusted before it is read again. Revocations reach every instance at
         * once through PostgreSQL {@code NOTIFY}; this bounds how long one could go unnoticed should a
         * notice be lost without the listening connection failing.
         */
        @WithDefault("PT5M")
        Duration recheck();

        /** How often the keys' last-use times noted in memory are written (one statement for all of them). */
        @WithDefault("30s")
        Duration lastUsedEvery();

        /** Keys not revoked that one owner may hold, of each kind (a user's, an admin's back-office ones). */
        @WithDefault("50")
        int perOwner();
    }

    interface Tokens {
        /** Lifetime of an access token ({@code exp} - {@code iat}). */
        @WithDefault("PT15M")
        Duration accessTokenLifetime();

        /**
         * How many successfully verified tokens (signature and claims) are remembered, so that a
         * token validated again skips the RSA check; {@code exp} is still checked on every call.
         */
        @WithDefault("20000")
        long verifiedCacheSize();

        /**
         * How far in the future a token's {@code iat} may lie (clock differences between servers);
         * a token issued later than that is refused.
         */
        @WithDefault("PT60S")
        Duration issuedAtSkew();

        /**
         * How many users' session generations are kept in memory, so that checking an access token
         * against a sign-out needs no query; least recently used ones are dropped first.
         */
        @WithDefault("100000")
        long sessionCacheSize();

        /**
         * How long a remembered session generation is trusted before it is read again. Sign-outs reach
         * every instance at once through PostgreSQL {@code NOTIFY}; this bounds how long one could go
         * unnoticed should a notice be lost without the listening connection failing.
         */
        @WithDefault("PT5M")
        Duration sessionRecheck();
    }

    interface Password {
        /** Argon2id memory in KiB (OWASP minimum: 19456 with 2 iterations). */
        @WithDefault("19456")
        int memoryKib();

        /** Argon2id iterations (time cost). */
        @WithDefault("2")
        int iterations();

        /** Argon2id lanes. */
        @WithDefault("1")
        int parallelism();

        /** Hashes computed at once; unset: one per available processor but one (at least one), leaving a core to the rest. */
        Optional<Integer> concurrentHashes();

        /** How long a login, activation or registration waits for a hashing slot before it gets 503. */
        @WithDefault("PT2S")
        Duration slotWait();
    }

    interface RateLimit {
        /** Failed attempts allowed per account (email) in each {@link #period()}. */
        @WithDefault("5")
        int accountFailures();

        /** Failed attempts allowed per client IP address in each {@link #period()}. */
        @WithDefault("20")
        int addressFailures();

        /** The window the failure allowances refill over. */
        @WithDefault("PT1M")
        Duration period();

        /**
         * Accounts that may be registered from one client IP address in each {@link #registrationPeriod()}:
         * at most this many at once, then one every period / registrations. Every registration counts,
         * including one refused because the email is taken (its password was hashed all the same).
         */
        @WithDefault("5")
        int registrations();

        /** The window the registration allowance refills over. */
        @WithDefault("PT1H")
        Duration registrationPeriod();
    }

    interface FirstAdmin {
        /** Email of the first admin; environment {@code HL_ADMIN_EMAIL}. Nothing is created when unset. */
        Optional<String> email();

        /** Password of the first admin (at least 10 characters); environment {@code HL_ADMIN_PASSWORD}. */
        Optional<String> password();
    }
}
