package io.hybridlicense.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupRetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");

    @TempDir
    Path backups;

    @Test
    void prune_deletesBackupsPastTheRetention_andAbandonedPartials_only() throws Exception {
        Path fresh = backup("hl-backup-20261130T030000Z");
        Path edge = backup("hl-backup-20261101T030001Z");
        Path old = backup("hl-backup-20261031T020000Z");
        Path oldPartial = backup("hl-backup-20261129T020000Z.partial");
        Path freshPartial = backup("hl-backup-20261201T025500Z.partial");
        Path notOurs = backup("hl-backup-notes");
        Path other = backup("2026-10-01-manual");

        BackupRetention.prune(backups, NOW, 30);

        assertThat(fresh).exists();
        assertThat(edge).exists();
        assertThat(old).doesNotExist();
        assertThat(oldPartial).doesNotExist();
        assertThat(freshPartial).exists();
        assertThat(notOurs).exists();
        assertThat(other).exists();
        assertThat(BackupRetention.newest(backups)).as("an interrupted backup is none").contains(Instant.parse("2026-11-30T03:00:00Z"));
    }

    @Test
    void aBackupIsDue_whenNoneExists_orTheNewestIsAnIntervalOld() {
        Duration day = Duration.ofDays(1);

        assertThat(BackupJob.due(Optional.empty(), day, NOW)).isTrue();
        assertThat(BackupJob.due(Optional.of(NOW.minus(Duration.ofHours(23))), day, NOW)).isFalse();
        assertThat(BackupJob.due(Optional.of(NOW.minus(day).plusSeconds(30)), day, NOW)).isTrue();
        assertThat(BackupJob.due(Optional.of(NOW.minus(Duration.ofDays(3))), day, NOW)).isTrue();
    }

    @Test
    void aRetentionBelowOneDay_isRefusedAtStart() {
        assertThatThrownBy(() -> BackupJob.checkAtStart(0, backups))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("HL_BACKUP_RETENTION_DAYS");
        assertThat(BackupJob.checkAtStart(1, backups)).isEmpty();
    }

    @Test
    void aBackupDirectoryOthersCanRead_isWarnedAboutAtStart() throws Exception {
        Files.setPosixFilePermissions(backups, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(BackupJob.checkAtStart(30, backups)).hasValueSatisfying(warning ->
                assertThat(warning).contains(backups.toString(), "rwxr-xr-x", "chmod 700"));

        Files.setPosixFilePermissions(backups, PosixFilePermissions.fromString("rwx------"));
        assertThat(BackupJob.checkAtStart(30, backups)).isEmpty();
    }

    private Path backup(String name) throws Exception {
        Path directory = Files.createDirectories(backups.resolve(name));
        Files.writeString(directory.resolve(BackupManifest.FILE), "format=1\n");
        return directory;
    }
}
