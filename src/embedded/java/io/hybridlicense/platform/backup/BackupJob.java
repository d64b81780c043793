package io.hybridlicense.platform.backup;

import io.hybridlicense.platform.HlConfig;
import io.hybridlicense.shared.PrivateFiles;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Takes the embedded database's scheduled backups into {@code HL_DATA_DIR/backups} and deletes those past
 * the retention. It checks every few minutes whether the newest backup is older than the interval, so a
 * restart neither skips a backup nor takes one at every start. Runs as the owner role, which can read every
 * table (the runtime role is granted only what serving requests needs).
 */
/* created at start, so that its gauges are there before anything happens */
@Startup
@ApplicationScoped
public class BackupJob {

    private static final Logger LOG = Logger.getLogger(BackupJob.class);

    private final BackupConfig config;
    private final boolean embedded;
    private final Path directory;
    private final String jdbcUrl;
    private final String owner;
    private final String ownerPassword;
    private final BackupWriter writer;
    private final AtomicLong lastSuccess = new AtomicLong();

    BackupJob(BackupConfig config, HlConfig hl, MeterRegistry registry,
              @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
              @ConfigProperty(name = "quarkus.flyway.username") Optional<String> owner,
              @ConfigProperty(name = "quarkus.flyway.password") Optional<String> ownerPassword,
              @ConfigProperty(name = "quarkus.datasource.username") Optional<String> runtime,
              @ConfigProperty(name = "quarkus.datasource.password") Optional<String> runtimePassword,
              @ConfigProperty(name = "quarkus.flyway.table", defaultValue = "flyway_schema_history") String historyTable) {
        this.config = config;
        this.embedded = hl.database().embedded();
        this.directory = Path.of(config.directory().orElse(Path.of(hl.dataDir()).resolve("backups").toString()))
                .toAbsolutePath().normalize();
        this.jdbcUrl = jdbcUrl;
        this.owner = owner.or(() -> runtime).orElse("");
        this.ownerPassword = ownerPassword.or(() -> runtimePassword).orElse("");
        this.writer = new BackupWriter(historyTable);
        checkAtStart(config.retentionDays(), directory).ifPresent(LOG::warn);
        Gauge.builder("hl.backup.last.success", lastSuccess, AtomicLong::get)
                .description("When the last backup of the embedded database completed (Unix time; 0: none since start)")
                .baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(every = "5m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void backupWhenDue() {
        if (!embedded || !config.enabled()) {
            return;
        }
        try {
            if (due(BackupRetention.newest(directory), config.interval(), Instant.now())) {
                backupNow();
            }
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.errorf("Backup of the embedded database into %s failed: %s", directory, e.getMessage());
        }
    }

    /**
     * Refuses a retention below one day (every backup would be deleted as soon as it is written); the warning
     * to log when other users can read the backups, which hold password hashes and encrypted credentials.
     */
    static Optional<String> checkAtStart(int retentionDays, Path directory) {
        if (retentionDays < 1) {
            throw new IllegalStateException("hl.backup.retention-days (HL_BACKUP_RETENTION_DAYS) must be at least 1, not "
                    + retentionDays + ": each backup would be deleted as soon as it is written");
        }
        try {
            if (Files.isDirectory(directory) && PrivateFiles.readableByOthers(directory)) {
                return Optional.of("The backup directory " + directory + " can be read by other users ("
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)) + "), and backups hold "
                        + "password hashes and encrypted credentials: chmod 700 it");
            }
        } catch (IOException e) {
            return Optional.of("Could not check who may read the backup directory " + directory + ": " + e);
        }
        return Optional.empty();
    }

    /** A minute early rather than one check (five minutes) late. */
    static boolean due(Optional<Instant> newest, Duration interval, Instant now) {
        return newest.isEmpty() || !newest.get().plus(interval).minus(Duration.ofMinutes(1)).isAfter(now);
    }

    /** Takes a backup now and prunes the old ones; returns the backup's directory. */
    public Path backupNow() throws SQLException, IOException {
        long started = System.nanoTime();
        Path backup;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, owner, ownerPassword)) {
            backup = writer.write(connection, directory, Instant.now());
        }
        lastSuccess.set(Instant.now().getEpochSecond());
        LOG.infof("Backup of the embedded database written to %s in %d ms (%d KiB)", backup,
                (System.nanoTime() - started) / 1_000_000, BackupRetention.size(backup) / 1024);
        for (Path deleted : BackupRetention.prune(directory, Instant.now(), config.retentionDays())) {
            LOG.infof("Deleted the backup %s (older than %d days)", deleted, config.retentionDays());
        }
        return backup;
    }

    public Path directory() {
        return directory;
    }

}
