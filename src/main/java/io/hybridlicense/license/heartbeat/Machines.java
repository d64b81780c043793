package io.hybridlicense.license.heartbeat;

import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.shared.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The heartbeat columns of {@code license.licenses} with the terms of each license's policy, read in the
 * same statement (never stale), and the writes of pings. Every time is the database's: a ping's deadline is
 * computed from {@code least(arrival, now())} in SQL, so the cull, which compares with {@code now()}, and
 * the writes share one clock.
 */
@ApplicationScoped
class Machines {

    /** A license as a ping sees it, with the database's {@code now()}. */
    record Machine(UUID licenseId, UUID userId, LicenseStatus status, Instant deadline, Instant culledAt,
                   HeartbeatTerms terms, Instant now) {

        boolean live() {
            return status.isLive();
        }
    }

    static final String TERMS = """
            po.heartbeat_interval_seconds, po.heartbeat_grace_seconds, po.cull_after_seconds,
            po.resurrect_within_seconds, po.max_seats""";
    static final String POLICY_JOIN = """
            LEFT JOIN license.subscriptions s ON s.user_id = l.user_id
            LEFT JOIN license.plans pl ON pl.code = s.plan
            LEFT JOIN license.policies po ON po.id = pl.policy_id""";
    private static final String SELECT = "SELECT l.id, l.user_id, l.status, l.heartbeat_deadline, l.culled_at, now() AS db_now, "
            + TERMS + " FROM license.licenses l " + POLICY_JOIN + " WHERE l.id = ?";

    /**
     * Records pings (one per license, the latest): deadline = ping + interval + grace, cull time = deadline +
     * cullAfter, under the policy as it is now. Only live licenses, never back in time. Rows in id order, so
     * that two instances' batches lock in the same order (no deadlock).
     */
    static final String RECORD = """
            UPDATE license.licenses l SET last_heartbeat_at = v.at,
                   heartbeat_deadline = v.at + make_interval(secs => po.heartbeat_interval_seconds
                                                            + coalesce(po.heartbeat_grace_seconds, 0)),
                   cull_at = v.at + make_interval(secs => po.heartbeat_interval_seconds
                                                  + coalesce(po.heartbeat_grace_seconds, 0) + po.cull_after_seconds)
            FROM (SELECT u.id, least(u.at, now()) AS at FROM unnest(?::uuid[], ?::timestamptz[]) AS u(id, at)) v,
                 license.subscriptions s, license.plans pl, license.policies po
            WHERE l.id = v.id AND s.user_id = l.user_id AND pl.code = s.plan AND po.id = pl.policy_id
              AND po.heartbeat_interval_seconds IS NOT NULL AND l.status IN ('active', 'suspended')
              AND (l.last_heartbeat_at IS NULL OR l.last_heartbeat_at < v.at)
              AND l.id IN (SELECT id FROM license.licenses WHERE id = ANY(?::uuid[]) ORDER BY id FOR UPDATE)""";

    private final DataSource dataSource;

    Machines(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Optional<Machine> find(UUID licenseId) {
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, licenseId, "");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read license " + licenseId, e);
        }
    }

    /** {@code lock}: {@code ""} or {@code " FOR UPDATE OF l"}. */
    static Optional<Machine> find(Connection connection, UUID licenseId, String lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT + lock)) {
            select.setObject(1, licenseId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Machine(Jdbc.uuid(row, "id"), Jdbc.uuid(row, "user_id"),
                        LicenseStatus.of(row.getString("status")), Jdbc.instant(row, "heartbeat_deadline"),
                        Jdbc.instant(row, "culled_at"), terms(row), Jdbc.instant(row, "db_now")));
            }
        }
    }

    static HeartbeatTerms terms(ResultSet row) throws SQLException {
        return new HeartbeatTerms(seconds(row, "heartbeat_interval_seconds"), seconds(row, "heartbeat_grace_seconds"),
                seconds(row, "cull_after_seconds"), seconds(row, "resurrect_within_seconds"), row.getInt("max_seats"));
    }

    private static Duration seconds(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : Duration.ofSeconds(value);
    }

    /**
     * Writes pings now, each within {@code timeout}; {@code at} {@code null} entries are "now".
     *
     * @return rows written (a license no longer live, or with a later ping written, is not)
     */
    int record(UUID[] ids, Instant[] at, Duration timeout) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(RECORD)) {
            update.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            OffsetDateTime[] times = new OffsetDateTime[at.length];
            for (int i = 0; i < at.length; i++) {
                times[i] = at[i] == null ? null : at[i].atOffset(ZoneOffset.UTC);
            }
            update.setArray(1, connection.createArrayOf("uuid", ids));
            update.setArray(2, connection.createArrayOf("timestamptz", times));
            update.setArray(3, connection.createArrayOf("uuid", ids));
            return update.executeUpdate();
        }
    }
}
