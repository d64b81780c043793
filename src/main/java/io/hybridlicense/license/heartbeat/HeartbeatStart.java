package io.hybridlicense.license.heartbeat;

import io.hybridlicense.license.api.LicenseActivated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A machine is watched from its activation: in the activating transaction, a license under a policy that
 * requires heartbeats gets the deadline of a ping at that moment, so a machine that never pings dies too.
 */
@ApplicationScoped
class HeartbeatStart {

    private static final String START = """
            UPDATE license.licenses l SET
                   heartbeat_deadline = now() + make_interval(secs => po.heartbeat_interval_seconds
                                                              + coalesce(po.heartbeat_grace_seconds, 0)),
                   cull_at = now() + make_interval(secs => po.heartbeat_interval_seconds
                                                   + coalesce(po.heartbeat_grace_seconds, 0) + po.cull_after_seconds)
            FROM license.subscriptions s, license.plans pl, license.policies po
            WHERE l.id = ? AND s.user_id = l.user_id AND pl.code = s.plan AND po.id = pl.policy_id
              AND po.heartbeat_interval_seconds IS NOT NULL""";

    private final DataSource dataSource;

    HeartbeatStart(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void on(@Observes LicenseActivated event) throws SQLException {
        // joins the activating transaction: the license row is there, uncommitted, and the deadline commits with it
        try (Connection connection = dataSource.getConnection();
             PreparedStatement start = connection.prepareStatement(START)) {
            start.setObject(1, event.licenseId());
            start.executeUpdate();
        }
    }
}
