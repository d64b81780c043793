package io.hybridlicense.schemasync.outbox;

import io.hybridlicense.schemasync.datasource.DataSources;

import io.hybridlicense.schemasync.api.SchemaChangeConfirmed;
import io.hybridlicense.schemasync.api.SchemaChangeRejected;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * What operators watch of schemasync (names in docs/operations.md): the outbox's depth and the age of its
 * oldest pending change, read by one query over the partial index of pending rows and kept for a few
 * seconds, so that however often Prometheus scrapes, the database sees at most one such query per
 * interval; and the outcome of every change per dialect, counted after its settlement commits. Tags are
 * bounded sets (dialects, change kinds, outcome slugs), never ids or names.
 */
/* created at start, so that its gauges are there before anything happens */
@Startup
@ApplicationScoped
class SchemaSyncMetrics {

    private static final Logger LOG = Logger.getLogger(SchemaSyncMetrics.class);
    private static final Duration FRESH_FOR = Duration.ofSeconds(5);
    private static final String PENDING = "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) "
            + "FROM schemasync.outbox WHERE status = 'pending'";

    private final DataSource dataSource;
    private final MeterRegistry registry;
    private final DataSources dataSources;
    private volatile OutboxDepth depth = new OutboxDepth(0, 0, 0);

    record OutboxDepth(long pending, double oldestAgeSeconds, long readAtNanos) {
    }

    SchemaSyncMetrics(DataSource dataSource, MeterRegistry registry, DataSources dataSources) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.dataSources = dataSources;
        Gauge.builder("hl.schemasync.outbox.pending", this, metrics -> metrics.outboxDepth().pending())
                .description("Schema changes waiting in the outbox (not yet applied or rejected)")
                .register(registry);
        Gauge.builder("hl.schemasync.outbox.oldest.pending.age", this, metrics -> metrics.outboxDepth().oldestAgeSeconds())
                .description("Age of the oldest pending schema change; 0 when none is pending")
                .baseUnit("seconds")
                .register(registry);
    }

    void confirmed(@Observes(during = TransactionPhase.AFTER_SUCCESS) SchemaChangeConfirmed event) {
        count(event.datasourceId(), event.change(), event.alreadyApplied() ? "already-applied" : "applied");
    }

    void rejected(@Observes(during = TransactionPhase.AFTER_SUCCESS) SchemaChangeRejected event) {
        count(event.datasourceId(), event.change(), "rejected");
    }

    private void count(UUID datasourceId, String change, String outcome) {
        Counter.builder("hl.schemasync.ddl")
                .description("Settled schema changes by dialect, kind and outcome")
                .tag("dialect", dialectOf(datasourceId))
                .tag("change", change == null ? "unknown" : change)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    OutboxDepth outboxDepth() {
        OutboxDepth known = depth;
        if (System.nanoTime() - known.readAtNanos() < FRESH_FOR.toNanos() && known.readAtNanos() != 0) {
            return known;
        }
        synchronized (this) {
            if (depth != known) {
                return depth;
            }
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(PENDING);
                 ResultSet row = statement.executeQuery()) {
                row.next();
                depth = new OutboxDepth(row.getLong(1), row.getDouble(2), System.nanoTime());
            } catch (SQLException e) {
                // a scrape must not fail because the database is briefly away: the last reading stays
                LOG.debugf("Could not read the outbox depth: %s", e.getMessage());
            }
            return depth;
        }
    }

    /** Settling the change has just read the data source through the cache: no query here. */
    private String dialectOf(UUID datasourceId) {
        return dataSources.findCached(datasourceId).map(ds -> ds.dialect().apiName()).orElse("unknown");
    }
}
