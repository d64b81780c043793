package io.hybridlicense.platform.backup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Backups of the embedded default's database (see docs/operations.md). */
@ConfigMapping(prefix = "hl.backup")
public interface BackupConfig {

    /**
     * Take scheduled backups while the embedded PostgreSQL is in use ({@code HL_BACKUP_ENABLED}). Never with an
     * external PostgreSQL, which its own tools back up.
     */
    @WithDefault("true")
    boolean enabled();

    /** How often a backup is taken; checked every few minutes, so restarts neither skip nor repeat one. */
    @WithDefault("24h")
    Duration interval();

    /**
     * Backups older than this many days are deleted after each new one ({@code HL_BACKUP_RETENTION_DAYS}); at least 1
     * (the server refuses to start otherwise).
     */
    @WithDefault("30")
    int retentionDays();

    /** Where backups are written; default {@code HL_DATA_DIR/backups}. */
    Optional<String> directory();
}
