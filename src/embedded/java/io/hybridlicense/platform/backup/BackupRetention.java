package io.hybridlicense.platform.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The backups in a directory, known by their names only ({@code hl-backup-<UTC time>}): nothing else
 * there is ever deleted. A {@code .partial} directory is a backup that was interrupted.
 */
final class BackupRetention {

    private static final Duration ABANDONED_PARTIAL = Duration.ofDays(1);

    private BackupRetention() {
    }

    static Optional<Instant> newest(Path directory) throws IOException {
        return backups(directory).stream().filter(backup -> !backup.partial()).map(Backup::takenAt).max(Instant::compareTo);
    }

    static List<Path> prune(Path directory, Instant now, int retentionDays) throws IOException {
        List<Path> deleted = new ArrayList<>();
        for (Backup backup : backups(directory)) {
            Duration age = Duration.between(backup.takenAt(), now);
            if (backup.partial() ? age.compareTo(ABANDONED_PARTIAL) > 0 : age.compareTo(Duration.ofDays(retentionDays)) > 0) {
                BackupWriter.deleteTree(backup.path());
                deleted.add(backup.path());
            }
        }
        return deleted;
    }

    static long size(Path backup) throws IOException {
        try (Stream<Path> files = Files.walk(backup)) {
            long total = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    private record Backup(Path path, Instant takenAt, boolean partial) {
    }

    private static List<Backup> backups(Path directory) throws IOException {
        List<Backup> backups = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return backups;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.filter(Files::isDirectory).toList()) {
                String name = entry.getFileName().toString();
                boolean partial = name.endsWith(".partial");
                String stamp = name.substring(0, partial ? name.length() - ".partial".length() : name.length());
                if (!stamp.startsWith(BackupWriter.PREFIX)) {
                    continue;
                }
                try {
                    Instant takenAt = BackupWriter.STAMP.parse(stamp.substring(BackupWriter.PREFIX.length()), Instant::from);
                    backups.add(new Backup(entry, takenAt, partial));
                } catch (DateTimeParseException notOurs) {
                    // not a backup of ours: left alone
                }
            }
        }
        return backups;
    }
}
