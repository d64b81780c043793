package io.hybridlicense.admin.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.OptionalInt;

/** Retention of the audit log, under {@code hl.admin.audit-retention}. */
@ConfigMapping(prefix = "hl.admin.audit-retention")
public interface AuditRetentionConfig {

    /**
     * Audit entries older than this many days are deleted by the scheduled purge. Unset (the default):
     * nothing is ever purged. At least 1. Written into the database when the migrations run (placeholder
     * {@code audit_retention_days}), where only the owner can change it: the purge function enforces that
     * value, whatever its caller asks; the server warns at start when its own value differs.
     */
    OptionalInt days();

    /** How often the purge runs when {@link #days()} is set (a Quarkus {@code every} value). */
    @WithDefault("1h")
    String every();

    /**
     * Entries deleted per transaction: a purge of many entries is a series of short transactions rather
     * than one long one. At least 1.
     */
    @WithDefault("10000")
    int batchSize();
}
