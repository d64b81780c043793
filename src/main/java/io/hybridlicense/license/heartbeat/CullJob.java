package io.hybridlicense.license.heartbeat;

import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.license.api.MachineCulled;
import io.hybridlicense.license.api.MachinesCulled;
import io.hybridlicense.shared.Jdbc;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Deactivates live licenses whose cull time has passed on the database's clock (less {@code write-timeout},
 * see {@link HeartbeatConfig#writeTimeout()}), freeing their seats, each audited in the same transaction
 * ({@link MachinesCulled}, one event per batch; reason {@code heartbeat}). One instance at a time ({@link OneInstance}); the rows are claimed
 * with {@code FOR UPDATE SKIP LOCKED}, so a license being pinged or changed right now is left for the next
 * run, and are found through the partial index on {@code cull_at}, which holds only live licenses. A machine
 * whose death was not announced yet ({@link HeartbeatDeadJob}) waits for it, so its {@code license.heartbeat_dead}
 * always comes before its {@code license.culled}.
 */
@ApplicationScoped
class CullJob {

    private static final String CULL = """
            WITH due AS (
                SELECT l.id, l.status FROM license.licenses l
                JOIN license.subscriptions s ON s.user_id = l.user_id
                JOIN license.plans pl ON pl.code = s.plan
                JOIN license.policies po ON po.id = pl.policy_id
                WHERE l.status IN ('active', 'suspended') AND l.cull_at IS NOT NULL
                  AND l.cull_at <= now() - make_interval(secs => ?)
                  -- its death announced first (license.heartbeat_dead before license.culled)
                  AND l.dead_noticed_for = l.heartbeat_deadline
                  -- the policy as it is now still culls (its terms may have changed since the deadline was stored)
                  AND po.heartbeat_interval_seconds IS NOT NULL AND po.cull_after_seconds IS NOT NULL
                ORDER BY l.cull_at
                LIMIT ?
                FOR UPDATE OF l SKIP LOCKED)
            UPDATE license.licenses l SET status = 'deactivated', culled_at = now(), updated_at = now(),
                   version = l.version + 1
            FROM due WHERE l.id = due.id
            RETURNING l.id, l.user_id, due.status AS was, l.version, l.culled_at""";

    private final DataSource dataSource;
    private final HeartbeatDeadJob deaths;
    private final Event<MachinesCulled> culled;
    private final int batchSize;
    private final long guardSeconds;

    CullJob(DataSource dataSource, HeartbeatDeadJob deaths, Event<MachinesCulled> culled, HeartbeatConfig config) {
        this.dataSource = dataSource;
        this.deaths = deaths;
        this.culled = culled;
        this.batchSize = config.cullBatchSize();
        this.guardSeconds = Math.max(1, config.writeTimeout().toSeconds());
    }

    @Scheduled(every = "${hl.license.heartbeat.cull-every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        cullDue();
    }

    /** @return how many licenses this call culled ({@code 0} also when another instance is culling) */
    int cullDue() {
        deaths.announceDead(); // a death not yet announced is not culled: announce the due ones first
        return OneInstance.drain(this::cullOneBatch, batchSize);
    }

    /** @return licenses culled, {@code -1} when another instance holds the cull */
    private int cullOneBatch() throws SQLException {
        List<MachineCulled> done = new ArrayList<>();
        // joins the transaction: the audit entries the events write commit with the culled rows
        try (Connection connection = dataSource.getConnection()) {
            if (!OneInstance.tryHold(connection, "license.heartbeat.cull")) {
                return -1;
            }
            try (PreparedStatement cull = connection.prepareStatement(CULL)) {
                cull.setLong(1, guardSeconds);
                cull.setInt(2, batchSize);
                try (ResultSet rows = cull.executeQuery()) {
                    while (rows.next()) {
                        done.add(new MachineCulled(Jdbc.uuid(rows, "id"), Jdbc.uuid(rows, "user_id"),
                                LicenseStatus.of(rows.getString("was")), rows.getLong("version"),
                                Jdbc.instant(rows, "culled_at")));
                    }
                }
            }
        }
        if (!done.isEmpty()) {
            culled.fire(new MachinesCulled(done)); // one event per batch: its audit entries and webhooks are written set-based
        }
        return done.size();
    }
}
