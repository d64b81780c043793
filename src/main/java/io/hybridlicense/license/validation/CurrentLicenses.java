package io.hybridlicense.license.validation;

import io.hybridlicense.license.BatchedReads;
import io.hybridlicense.license.LicenseConfig;
import io.hybridlicense.license.api.LicenseStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The current state of licenses, read for validation on the reactive client, never from a cache, so
 * that a suspension shows in the very next validation on every instance; reads arriving together are
 * sent as one query and each is bounded in time ({@link BatchedReads}).
 */
@ApplicationScoped
class CurrentLicenses {

    /**
     * With each license, its policy's id and current version (the policy itself comes from
     * {@link io.hybridlicense.license.policy.PolicyCache}) and the entitlements granted to it alone.
     */
    private static final String SELECT = """
            SELECT l.id, l.client_id, l.status, l.expires_at, pl.policy_id, po.version,
                   ARRAY(SELECT e.code FROM license.license_entitlements e WHERE e.license_id = l.id) AS granted,
                   l.heartbeat_deadline <= now() AS heartbeat_dead
            FROM license.licenses l
            LEFT JOIN license.subscriptions s ON s.user_id = l.user_id
            LEFT JOIN license.plans pl ON pl.code = s.plan
            LEFT JOIN license.policies po ON po.id = pl.policy_id
            WHERE l.id = ANY($1)""";
    private static final String[] NONE = new String[0];

    /**
     * What validation needs of a license row; {@code policyId} is null for an owner without a subscription.
     *
     * @param heartbeatDead past its heartbeat deadline on the database's clock (heartbeat's column, in the same row)
     */
    record State(UUID id, String clientId, LicenseStatus status, Instant expiresAt, UUID policyId, long policyVersion,
                 List<String> granted, boolean heartbeatDead) {
    }

    private final BatchedReads<State> reads;

    CurrentLicenses(Pool pool, Vertx vertx, LicenseConfig config) {
        this.reads = new BatchedReads<>(pool, vertx, config.validation(), SELECT, CurrentLicenses::state);
    }

    /** The license's current row, or {@code null} when there is none. */
    Future<State> find(UUID licenseId) {
        return reads.find(licenseId);
    }

    /** Queries sent so far (tests: proof of batching). */
    long queriesSent() {
        return reads.queriesSent();
    }

    private static State state(Row row) {
        Long policyVersion = row.getLong(5);
        String[] granted = row.getArrayOfStrings(6);
        return new State(row.getUUID(0), row.getString(1), LicenseStatus.of(row.getString(2)),
                row.getOffsetDateTime(3).toInstant(), row.getUUID(4), policyVersion == null ? 0 : policyVersion,
                List.of(granted == null ? NONE : granted), Boolean.TRUE.equals(row.getBoolean(7)));
    }
}
