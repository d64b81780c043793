package io.hybridlicense.schemasync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the schemasync module. */
@ConfigMapping(prefix = "hl.schemasync")
public interface SchemaSyncConfig {

    /**
     * Where users' databases may be (SSRF protection), checked at registration and before every
     * connection. Entries: {@code public} (hosts whose every address is public), {@code loopback}, an
     * address or range ({@code 10.0.0.0/8}, {@code fd00::/8}), a host name ({@code db.example.com}) or
     * {@code *.example.com} (allowed whatever they resolve to), or {@code *} (anything: no protection).
     * Cloud metadata addresses pass only an address or range entry naming them. Default {@code public};
     * the dev profile adds {@code loopback}. See {@code shared.AddressPolicy}.
     */
    @WithDefault("public")
    List<String> allowedHosts();

    /** The directory SQLite files must live in; defaults to {@code <hl.data-dir>/sqlite}. */
    Optional<String> sqliteDirectory();

    /** SQLite data sources: files on this server's disk, not a database server every instance reaches. */
    Sqlite sqlite();

    interface Sqlite {

        /**
         * Whether SQLite data sources may be registered and changed. A file lives in one instance's
         * {@code sqlite-directory}: enable this only where every instance sees the same directory (a
         * shared volume) or there is one instance. On by default with the embedded database (a single
         * instance) and in dev and test; off in {@code deploy/}. Off, registering one is refused (422
         * {@code sqlite-disabled}), and so are changes to those already registered.
         */
        @WithDefault("${hl.database.embedded:false}")
        boolean enabled();
    }

    /**
     * The AES-256 key (Base64 of 32 bytes) that encrypts stored database passwords. Unset: a key is
     * generated once and kept in {@code <hl.data-dir>/keys/schemasync-credentials.key}.
     */
    Optional<String> credentialsKey();

    /**
     * Upper bound of every statement run on a user's database, enforced by the database too (PostgreSQL
     * {@code statement_timeout}, MariaDB/MySQL {@code lock_wait_timeout}), so that a paused or cut-off
     * server's statement ends all the same; a PostgreSQL transaction left idle for this plus the connect
     * timeout is ended by the database, releasing its locks.
     */
    @WithDefault("10s")
    Duration statementTimeout();

    /** Upper bound of opening a connection to a user's database. */
    @WithDefault("5s")
    Duration connectTimeout();

    /**
     * How long a claimed outbox row belongs to one server without a sign of life. A heartbeat renews
     * the lease every quarter of this while the attempt runs, so it bounds the takeover after a crash
     * (plus one poll interval), not the length of an attempt.
     */
    @WithDefault("6s")
    Duration claimTimeout();

    /**
     * The one deadline of an attempt: connecting, reading the catalogue, every DDL statement and
     * recording the outcome. The lease is renewed no longer than this.
     */
    @WithDefault("30s")
    Duration attemptTimeout();

    /**
     * How often the outbox is polled in addition to the wake-ups after each commit: the safety net that
     * picks up retries falling due, claims whose lease lapsed after a crash, and changes whose wake-up
     * notice was lost (at most this late).
     */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * Whether instances wake each other through PostgreSQL {@code LISTEN/NOTIFY}: a change queued or
     * settled on one instance notifies (on commit, ids only), and every other instance, listening on a
     * dedicated connection of its own, picks it up or answers its {@code Prefer: wait} requests at once
     * instead of at its next poll or re-read. Off: other instances' changes wait for the poll
     * ({@code poll-interval}) and their outcomes for the re-read ({@code wait-recheck-interval}).
     */
    @WithDefault("true")
    boolean crossInstanceWakeUp();

    /**
     * How often a request waiting with {@code Prefer: wait} reads its table again although no outcome
     * of this server woke it: the delay before it sees an outcome another server recorded.
     */
    @WithDefault("200ms")
    Duration waitRecheckInterval();

    /**
     * How long, from the first shutdown signal (SIGTERM; with {@code quarkus.shutdown.delay} the delay's
     * start), changes being applied may take to finish. Claiming stops at that signal; the claims of
     * attempts still running after this are released, so another server takes them over at once instead
     * of after {@code claim-timeout}. Keep it below the platform's kill deadline with a margin (Kubernetes
     * {@code terminationGracePeriodSeconds}, 40 s in {@code deploy/kubernetes}): default 30 s.
     */
    @WithDefault("30s")
    Duration shutdownGrace();

    /**
     * How often the scheduled drift check compares every data source with its tables' models ({@code 10m},
     * {@code 1h}, …) and records {@code DriftDetected} where a database was changed behind the model's back;
     * {@code off} (the default) runs no scheduled check. Read by {@code table.DriftCheckJob}'s
     * {@code @Scheduled}; {@code GET /api/v1/datasources/{id}/drift} checks on demand either way.
     */
    @WithDefault("off")
    String driftCheckInterval();

    /** How many changes this server applies at once (each on its own table). */
    @WithDefault("8")
    int workers();

    /** Attempts of a change whose database is unreachable or busy before it is rejected ({@code retry-limit-reached}). */
    @WithDefault("10")
    int maxAttempts();

    /** Age of a change (since its request) after which it is no longer retried but rejected ({@code retry-limit-reached}). */
    @WithDefault("1h")
    Duration maxAge();

    /** Delay before the first retry; doubled each attempt, with jitter. */
    @WithDefault("1s")
    Duration retryBaseDelay();

    /** Upper bound of the delay between retries. */
    @WithDefault("5m")
    Duration retryMaxDelay();
}
