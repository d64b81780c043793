package io.hybridlicense.license;

import io.hybridlicense.auth.api.Plan;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the license module, under {@code hl.license}. */
@ConfigMapping(prefix = "hl.license")
public interface LicenseConfig {

    /** How long a new license (and its token) is valid. */
    @WithDefault("P365D")
    Duration validity();

    /** Seats (live licenses) per plan. */
    Seats seats();

    /** The expiry job. */
    Expiry expiry();

    /** Subscriptions and their renewal job. */
    Subscription subscription();

    /** The validation hot path. */
    Validation validation();

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
        /** How often the last validation times are written to {@code last_validated_at} (a Quarkus {@code every} value). */
        @WithDefault("60s")
        String recordEvery();
    }

    default int seatsOf(Plan plan) {
        return switch (plan) {
            case FREE -> seats().free();
            case PRO -> seats().pro();
            case ENTERPRISE -> seats().enterprise();
        };
    }
}
