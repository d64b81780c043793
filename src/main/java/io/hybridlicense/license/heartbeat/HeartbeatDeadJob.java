package io.hybridlicense.license.heartbeat;

import io.hybridlicense.license.api.MachineHeartbeatDead;
import io.hybridlicense.license.api.MachinesHeartbeatDead;
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
 * Announces machines that became dead: live licenses whose heartbeat deadline passed (on the database's clock,
 * less {@code write-timeout} as for the cull, so that a ping answered before its deadline is committed before
 * this looks) and was not announced yet. Each is marked ({@code dead_noticed_for} = that deadline) and
 * {@link MachinesHeartbeatDead} (one per batch) is fired in the same transaction, so its webhook exists exactly when the mark
 * does: once per death, again after a ping moved the deadline and it passed again. One instance at a time
 * ({@link OneInstance}), in batches, rows claimed {@code FOR UPDATE SKIP LOCKED} (a license being pinged right
 * now is left for the next run) through the partial index that holds only unannounced deadlines.
 */
@ApplicationScoped
class HeartbeatDeadJob {

    private static final String MARK = """
            WITH due AS (
                SELECT l.id FROM license.licenses l
                WHERE l.status IN ('active', 'suspended') AND l.heartbeat_deadline IS NOT NULL
                  AND l.dead_noticed_for IS DISTINCT FROM l.heartbeat_deadline
                  AND l.heartbeat_deadline <= now() - make_interval(secs => ?)
                ORDER BY l.heartbeat_deadline
                LIMIT ?
                FOR UPDATE OF l SKIP LOCKED)
            UPDATE license.licenses l SET dead_noticed_for = l.heartbeat_deadline
            FROM due WHERE l.id = due.id
            RETURNING l.id, l.user_id, l.client_id, l.heartbeat_deadline, l.last_heartbeat_at,
                      -- the policy as it is now still asks for heartbeats (otherwise: marked, not announced)
                      EXISTS (SELECT 1 FROM license.subscriptions s
                              JOIN license.plans pl ON pl.code = s.plan
                              JOIN license.policies po ON po.id = pl.policy_id
                              WHERE s.user_id = l.user_id AND po.heartbeat_interval_seconds IS NOT NULL) AS watched""";

    private final DataSource dataSource;
    private final Event<MachinesHeartbeatDead> dead;
    private final int batchSize;
    private final long guardSeconds;

    HeartbeatDeadJob(DataSource dataSource, Event<MachinesHeartbeatDead> dead, HeartbeatConfig config) {
        this.dataSource = dataSource;
        this.dead = dead;
        this.batchSize = config.cullBatchSize();
        this.guardSeconds = Math.max(1, config.writeTimeout().toSeconds());
    }

    @Scheduled(every = "${hl.license.heartbeat.dead-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        announceDead();
    }

    /** @return how many deaths this call announced or marked ({@code 0} also when another instance is at it) */
    int announceDead() {
        return OneInstance.drain(this::markOneBatch, batchSize);
    }

    /** @return licenses marked, {@code -1} when another instance holds the job */
    private int markOneBatch() throws SQLException {
        List<MachineHeartbeatDead> found = new ArrayList<>();
        int marked = 0;
        // joins the transaction: the webhooks the events write commit with the marks
        try (Connection connection = dataSource.getConnection()) {
            if (!OneInstance.tryHold(connection, "license.heartbeat.dead")) {
                return -1;
            }
            try (PreparedStatement mark = connection.prepareStatement(MARK)) {
                mark.setLong(1, guardSeconds);
                mark.setInt(2, batchSize);
                try (ResultSet rows = mark.executeQuery()) {
                    while (rows.next()) {
                        marked++;
                        if (rows.getBoolean("watched")) {
                            found.add(new MachineHeartbeatDead(Jdbc.uuid(rows, "id"), Jdbc.uuid(rows, "user_id"),
                                    rows.getString("client_id"), Jdbc.instant(rows, "heartbeat_deadline"),
                                    Jdbc.instant(rows, "last_heartbeat_at")));
                        }
                    }
                }
            }
        }
        if (!found.isEmpty()) {
            dead.fire(new MachinesHeartbeatDead(found)); // one event per batch: its webhooks are one statement
        }
        return marked;
    }
}
