package io.hybridlicense.admin;

import io.hybridlicense.shared.Clock;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Purges audit entries past the configured retention (off unless {@code hl.admin.audit-retention.days}
 * is set). The runtime role cannot DELETE audit entries: the one way is admin.purge_audit_log, defined
 * by the migration owner (SECURITY DEFINER). It deletes one batch per call; each call here is its own
 * transaction (the connection is in auto-commit), so a purge of millions of entries never holds one long
 * transaction. The call whose batch comes back short ends the purge and records it as one audit entry.
 */
@ApplicationScoped
class AuditRetentionJob {

    private static final Logger LOG = Logger.getLogger(AuditRetentionJob.class);

    private final AuditRetentionConfig config;
    private final DataSource database;
    private final Clock clock;

    AuditRetentionJob(AuditRetentionConfig config, DataSource database, Clock clock) {
        this.config = config;
        this.database = database;
        this.clock = clock;
    }

    void checkConfig(@Observes StartupEvent start) {
        if (config.days().isPresent() && config.days().getAsInt() < 1) {
            throw new IllegalStateException("hl.admin.audit-retention.days must be at least 1");
        }
        if (config.batchSize() < 1) {
            throw new IllegalStateException("hl.admin.audit-retention.batch-size must be at least 1");
        }
    }

    @Scheduled(every = "${hl.admin.audit-retention.every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        config.days().ifPresent(days -> purge(days, config.batchSize()));
    }

    /**
     * Deletes the entries older than {@code days} days (by the application's clock), {@code batchSize} per
     * transaction; returns how many.
     */
    long purge(int days, int batchSize) {
        Instant now = clock.now();
        Instant olderThan = now.minus(Duration.ofDays(days));
        try (Connection connection = database.getConnection();
             PreparedStatement purge = connection.prepareStatement("SELECT admin.purge_audit_log(?, ?, ?)")) {
            Jdbc.bind(purge, 1, olderThan);
            Jdbc.bind(purge, 2, now);
            purge.setInt(3, batchSize);
            long total = 0;
            long deleted;
            do {
                try (ResultSet row = purge.executeQuery()) {
                    row.next();
                    deleted = row.getLong(1);
                }
                total += deleted;
            } while (deleted == batchSize);
            LOG.infof("Audit retention: purged %d entries older than %s", total, olderThan);
            return total;
        } catch (SQLException e) {
            throw new IllegalStateException("Purging the audit log failed", e);
        }
    }
}
