package io.hybridlicense.license.heartbeat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Heartbeats and the cull of dead machines, under {@code hl.license.heartbeat} (terms per policy; these are the mechanics). */
@ConfigMapping(prefix = "hl.license.heartbeat")
public interface HeartbeatConfig {

    /**
     * A ping whose license's stored deadline is further away than this is kept in memory and written with
     * the next batch; a ping nearer its deadline (or past it) is written before it is answered. Must be
     * well above {@code flush-every} plus a batch's write time. Pings coalesce only under policies whose
     * grace exceeds it: a client that pings once per interval finds its stored deadline one grace away.
     */
    @WithDefault("15s")
    Duration syncMargin();

    /** How often the pings kept in memory are written (in statements of up to 5,000 licenses). */
    @WithDefault("1s")
    Duration flushEvery();

    /**
     * Most licenses whose ping waits in memory; past it a ping is written before it is answered (never
     * dropped), so this bounds the memory, not the pings kept.
     */
    @WithDefault("200000")
    int pendingLimit();

    /**
     * Longest a ping written before its answer may take (statement timeout): past it the ping is answered
     * 503 and the client retries. The cull only takes licenses whose cull time is this much in the past on
     * the database's clock, so a ping answered 200 before its deadline was committed before the cull looked.
     */
    @WithDefault("5s")
    Duration writeTimeout();

    /** How often the cull looks for licenses past their cull time (a Quarkus {@code every} value). */
    @WithDefault("10s")
    String cullEvery();

    /**
     * How often machines that became dead are looked for and announced ({@code license.heartbeat_dead}
     * webhooks; a Quarkus {@code every} value): an announcement comes at most this long plus
     * {@code write-timeout} after the deadline.
     */
    @WithDefault("5s")
    String deadEvery();

    /** Licenses culled, or announced dead, per transaction. */
    @WithDefault("500")
    int cullBatchSize();

    /**
     * {@code true}: {@code POST /api/v1/licenses/heartbeat} is answered by its own Vert.x route on the event
     * loop (pings read in batches on the reactive client); {@code false}: by the REST resource.
     */
    @WithDefault("true")
    boolean eventLoopRoute();
}
