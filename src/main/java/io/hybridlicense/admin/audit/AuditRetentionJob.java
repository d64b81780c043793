package io.hybridlicense.admin.audit;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalInt;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Purges audit entries past the retention (off unless {@code hl.admin.audit-retention.days} is set). The
 * runtime role cannot DELETE audit entries: the one way is admin.purge_audit_log, defined by the migration
 * owner (SECURITY DEFINER), which enforces the retention the migration wrote into the database (only the
 * owner can change it), not one this job passes. It deletes one batch per call; each call here is its own
 * transaction (the connection is in auto-commit), so a purge of millions of entries never holds one long
 * transaction. The call whose batch comes back short ends the purge and records it as one audit entry.
 */
@ApplicationScoped
class AuditRetentionJob {

    private static final Logger LOG = Logger.getLogger(AuditRetentionJob.class);

    private final AuditRetentionConfig config;
    private final DataSource database;

    AuditRetentionJob(AuditRetentionConfig config, DataSource database) {
        this.config = config;
        this.database = database;
    }

    void checkConfig(@Observes StartupEvent start) {
        if (config.days().isPresent() && config.days().getAsInt() < 1) {
            throw new IllegalStateException("hl.admin.audit-retention.days must be at least 1");
        }
        if (config.batchSize() < 1) {
            throw new IllegalStateException("hl.admin.audit-retention.batch-size must be at least 1");
        }
        OptionalInt enforced = databaseRetentionDays();
        if (!enforced.equals(config.days())) {
            // the migrations may run as a separate step, with the settings of that step
            LOG.warnf("Audit retention: hl.admin.audit-retention.days is %s here, but the database enforces %s (written "
                    + "by the last migration): purges keep to the database's; migrate with this setting to change it",
                    describe(config.days()), describe(enforced));
        }
    }

    @Scheduled(every = "${hl.admin.audit-retention.every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (config.days().isPresent()) {
            purge(config.batchSize());
        }
    }

    /** Deletes the entries past the database's retention, {@code batchSize} per transaction; returns how many. */
    long purge(int batchSize) {
        try (Connection connection = database.getConnection();
             PreparedStatement purge = connection.prepareStatement("SELECT admin.purge_audit_log(?, ?)")) {
            purge.setObject(1, UUID.randomUUID());
            purge.setInt(2, batchSize);
            long total = 0;
            long deleted;
            do {
                try (ResultSet row = purge.executeQuery()) {
                    row.next();
                    deleted = row.getLong(1);
                }
                total += deleted;
            } while (deleted == batchSize);
            LOG.infof("Audit retention: purged %d entries (retention: %s)", total, describe(databaseRetentionDays()));
            return total;
        } catch (SQLException e) {
            throw new IllegalStateException("Purging the audit log failed", e);
        }
    }

    private OptionalInt databaseRetentionDays() {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT days FROM admin.audit_retention")) {
            if (!row.next()) {
                return OptionalInt.empty();
            }
            int days = row.getInt(1);
            return row.wasNull() ? OptionalInt.empty() : OptionalInt.of(days);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the audit retention of the database", e);
        }
    }

    private static String describe(OptionalInt days) {
        return days.isPresent() ? days.getAsInt() + " days" : "no retention (never purge)";
    }
}
