package io.hybridlicense.license;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the license module, under {@code hl.license}. */
@ConfigMapping(prefix = "hl.license")
public interface LicenseConfig {

    /**
     * How long a new license (and its token) was valid before plans were data: read only by the migration
     * that made the first policies (V2026.12.07.1800); today a policy's {@code duration} says it.
     */
    @WithDefault("P365D")
    Duration validity();

    /**
     * Seats (live licenses) per plan before plans were data: read only by the migration that made the first
     * policies (V2026.12.07.1800); today each plan's policy says it ({@code /api/v1/admin/policies}).
     */
    Seats seats();

    /** The expiry job. */
    Expiry expiry();

    /** Subscriptions and their renewal job. */
    Subscription subscription();

    /** The validation hot path. */
    Validation validation();

    /** The running counts the database keeps for admin's reports (licenses per status, seats per plan). */
    Counts counts();

    interface Seats {
        @WithDefault("1")
        int free();

        @WithDefault("5")
        int pro();

        @WithDefault("100")
        int enterprise();
    }

    interface Expiry {
        /** How often the job looks for licenses past {@code expires_at} (a Quarkus {@code every} value). */
        @WithDefault("60s")
        String every();

        /** Licenses expired per transaction. */
        @WithDefault("500")
        int batchSize();
    }

    interface Subscription {
        /** The billing period: {@code renewsAt} moves on by this much at each renewal. */
        @WithDefault("P30D")
        Duration period();

        /** {@code true}: due subscriptions renew; {@code false}: they become {@code past_due}. */
        @WithDefault("true")
        boolean autoRenew();

        /** How often the renewal job runs (a Quarkus {@code every} value). */
        @WithDefault("1h")
        String renewEvery();
    }

    interface Validation {
        /**
         * How often each validated license's {@code last_validated_at} is written (a duration): the licenses
         * validated in one interval are written once, spread over the next interval in small slices.
         */
        @WithDefault("60s")
        Duration recordEvery();

        /**
         * Most licenses whose validation time waits to be written (one entry per license, 32-64 bytes each: 48 MiB at 1,000,000):
         * bounds the memory; past it, the times of further licenses are dropped until the next writes
         * (metric {@code hl_license_validation_times_dropped_total}, and a warning per interval).
         */
        @WithDefault("1000000")
        int recordLimit();

        /**
         * {@code true}: {@code POST /api/v1/licenses/validate} is answered by its own Vert.x route on the
         * event loop (hand-written input checks, same contract); {@code false}: by the REST resource.
         */
        @WithDefault("true")
        boolean eventLoopRoute();

        /** Most license ids read by one query; {@code 1} sends one query per validation. */
        @WithDefault("128")
        int batchSize();

        /** Queries one event loop keeps out at once; reads arriving meanwhile wait and go together in the next. */
        @WithDefault("1")
        int queriesInFlight();

        /**
         * Longest wait for one batched read (a free connection and the query): past it, the validations it
         * held, and those waiting behind it, are answered 503 with {@code Retry-After}, and its query is
         * cancelled and its connection closed.
         */
        @WithDefault("2s")
        Duration readTimeout();
    }

    interface Counts {
        /**
         * How often the counts' rows, one per database connection that changed a license, are folded into
         * one row per status and plan (a Quarkus {@code every} value).
         */
        @WithDefault("1h")
        String compactEvery();
    }
}
