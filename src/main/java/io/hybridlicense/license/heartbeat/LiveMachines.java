package io.hybridlicense.license.heartbeat;

import io.hybridlicense.license.BatchedReads;
import io.hybridlicense.license.LicenseConfig;
import io.hybridlicense.license.api.LicenseStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@link Machines#find} on the reactive client for the heartbeat route: the same columns and the
 * database's {@code now()}, read fresh, with the pings arriving together read in one query
 * ({@link BatchedReads}, with validation's batch settings).
 */
@ApplicationScoped
class LiveMachines {

    private static final String SELECT = "SELECT l.id, l.user_id, l.status, l.heartbeat_deadline, l.culled_at, now() AS db_now, "
            + Machines.TERMS + " FROM license.licenses l " + Machines.POLICY_JOIN + " WHERE l.id = ANY($1)";

    private final BatchedReads<Machines.Machine> reads;

    LiveMachines(Pool pool, Vertx vertx, LicenseConfig config) {
        this.reads = new BatchedReads<>(pool, vertx, config.validation(), SELECT, LiveMachines::machine);
    }

    /** The license as a ping sees it, or {@code null} when there is none. */
    Future<Machines.Machine> find(UUID licenseId) {
        return reads.find(licenseId);
    }

    private static Machines.Machine machine(Row row) {
        Integer seats = row.getInteger(10);
        HeartbeatTerms terms = new HeartbeatTerms(seconds(row, 6), seconds(row, 7), seconds(row, 8), seconds(row, 9),
                seats == null ? 0 : seats);
        return new Machines.Machine(row.getUUID(0), row.getUUID(1), LicenseStatus.of(row.getString(2)), instant(row, 3),
                instant(row, 4), terms, instant(row, 5));
    }

    private static Duration seconds(Row row, int column) {
        Long value = row.getLong(column);
        return value == null ? null : Duration.ofSeconds(value);
    }

    private static Instant instant(Row row, int column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
