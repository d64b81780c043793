package io.hybridlicense.license.offline;

import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.license.api.LicenseView;
import io.hybridlicense.shared.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What a checkout reads, in one statement: the license, its owner's plan, the plan's policy (id and version:
 * the policy itself comes from {@link io.hybridlicense.license.policy.PolicyCache}) and the entitlements
 * granted to the license alone. A checkout is a read of many rows a second at a fleet's scale; the
 * entity reads it replaced took six statements (docs/PERFORMANCE.md).
 */
@ApplicationScoped
class FileLicenses {

    /** @param plan the owner's plan code, {@code null} without a subscription (then {@code policyId} is null too) */
    record Found(LicenseView license, String plan, UUID policyId, long policyVersion, SortedSet<String> granted) {
    }

    private static final String SELECT = """
            SELECT l.id, l.user_id, l.client_id, l.status, l.created_at, l.expires_at, l.updated_at, l.last_validated_at,
                   l.version, l.last_heartbeat_at, l.heartbeat_deadline, l.culled_at, s.plan, pl.policy_id,
                   po.version AS policy_version,
                   ARRAY(SELECT e.code FROM license.license_entitlements e WHERE e.license_id = l.id) AS granted
            FROM license.licenses l
            LEFT JOIN license.subscriptions s ON s.user_id = l.user_id
            LEFT JOIN license.plans pl ON pl.code = s.plan
            LEFT JOIN license.policies po ON po.id = pl.policy_id
            WHERE l.id = ?""";

    private final Jdbc jdbc;

    FileLicenses(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Found> find(UUID licenseId) {
        return jdbc.one(SELECT, FileLicenses::found, licenseId);
    }

    private static Found found(ResultSet row) throws SQLException {
        LicenseView license = new LicenseView(Jdbc.uuid(row, "id"), Jdbc.uuid(row, "user_id"), row.getString("client_id"),
                LicenseStatus.of(row.getString("status")), Jdbc.instant(row, "created_at"), Jdbc.instant(row, "expires_at"),
                Jdbc.instant(row, "updated_at"), Jdbc.instant(row, "last_validated_at"), row.getLong("version"),
                Jdbc.instant(row, "last_heartbeat_at"), Jdbc.instant(row, "heartbeat_deadline"), Jdbc.instant(row, "culled_at"));
        Array codes = row.getArray("granted");
        SortedSet<String> granted = new TreeSet<>(Arrays.asList((String[]) codes.getArray()));
        return new Found(license, row.getString("plan"), Jdbc.uuid(row, "policy_id"), row.getLong("policy_version"), granted);
    }
}
