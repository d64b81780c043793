package io.hybridlicense.webhooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the webhooks module ({@code hl.webhooks.*}); see docs/webhooks.md. */
@ConfigMapping(prefix = "hl.webhooks")
public interface WebhooksConfig {

    /**
     * Where endpoints may be (SSRF protection), checked at registration and before every delivery against
     * the resolved address, which is the one connected to. Same syntax and defaults as
     * {@code hl.schemasync.allowed-hosts}: {@code public}, {@code loopback}, addresses and ranges, host
     * names, {@code *.domain}, {@code *}. Default {@code public}.
     */
    @WithDefault("public")
    List<String> allowedHosts();

    /** Whether plain {@code http://} endpoints may be registered; off by default (only verified HTTPS). */
    @WithDefault("false")
    boolean allowHttp();

    /**
     * Base64 AES-256 key sealing the endpoints' signing secrets; unset: {@code hl.schemasync.credentials-key}
     * (the data-source credentials' key), or with the embedded database a key generated in
     * {@code HL_DATA_DIR/keys}.
     */
    Optional<String> secretsKey();

    /**
     * Deliveries one worker claims for one endpoint at once, sent one after another in order (an endpoint's
     * deliveries are never sent side by side: they arrive in the order they were written).
     */
    @WithDefault("20")
    int batchPerEndpoint();

    /**
     * Most endpoints one user may register under {@code /api/v1/webhooks}; the next answers 409
     * {@code endpoint-limit-reached}. The admins' endpoints ({@code /api/v1/admin/webhooks}) are not limited.
     */
    @WithDefault("10")
    int maxEndpointsPerUser();

    /** Concurrent deliveries per instance (each to another endpoint). */
    @WithDefault("8")
    int workers();

    /** Lease of a claimed delivery on the database's clock: after a crash, another instance takes it over this much later. */
    @WithDefault("30s")
    Duration lease();

    /** How long one attempt may take, connect to last byte; anything slower is a failure. */
    @WithDefault("10s")
    Duration timeout();

    /** Attempts before a delivery is {@code failed}. */
    @WithDefault("15")
    int maxAttempts();

    /** Backoff: the first retry's delay, doubled each time (with ±20 % jitter) up to {@code retry-max-delay}. */
    @WithDefault("30s")
    Duration retryBaseDelay();

    /** The longest delay between attempts (with the defaults, 15 attempts span about 3 days). */
    @WithDefault("20h")
    Duration retryMaxDelay();

    /** An endpoint whose every delivery failed for this long is disabled (audited), until re-enabled. */
    @WithDefault("P5D")
    Duration disableAfter();

    /** How long a rotated-out secret still signs beside the new one. */
    @WithDefault("24h")
    Duration previousSecretValidity();

    /** Settled deliveries (delivered or failed) are deleted this long after they settled; pending ones never. */
    @WithDefault("P30D")
    Duration retention();

    /** The safety-net poll: retries due, leases lapsed, a lost notice. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Instances wake each other through PostgreSQL {@code LISTEN/NOTIFY}. */
    @WithDefault("true")
    boolean crossInstanceWakeUp();
}
