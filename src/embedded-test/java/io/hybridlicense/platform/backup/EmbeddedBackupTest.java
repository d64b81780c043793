package io.hybridlicense.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridlicense.testing.Users;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The backup of the running embedded default (the tests' own database), as the scheduled job takes it. */
@QuarkusTest
class EmbeddedBackupTest {

    @Inject
    BackupJob job;

    @Test
    void aBackup_holdsEveryModuleTable_theSchemaVersion_andAppearsOnlyWhenComplete() throws Exception {
        Users.aUser().register().activated();

        Path backup = job.backupNow();

        assertThat(backup.getParent()).isEqualTo(job.directory());
        assertThat(backup.getFileName().toString()).matches("hl-backup-\\d{8}T\\d{6}Z");
        BackupManifest manifest = BackupManifest.read(backup);
        assertThat(manifest.schemaVersion()).matches("\\d{4}\\.\\d{2}\\.\\d{2}\\.\\d{4}");
        assertThat(manifest.tables().keySet()).extracting(Object::toString)
                .contains("auth.users", "license.licenses", "admin.audit_log", "schemasync.outbox");
        assertThat(manifest.tables().get(CoreTables.Name.parse("auth.users")).fingerprint().rows()).isPositive();
        for (CoreTables.Name table : manifest.tables().keySet()) {
            assertThat(backup.resolve(BackupManifest.fileOf(table))).isRegularFile();
        }
        assertThat(Files.getPosixFilePermissions(backup)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (var files = Files.list(backup)) {
            assertThat(files).allSatisfy(file ->
                    assertThat(Files.getPosixFilePermissions(file)).as(file.toString()).isEqualTo(PosixFilePermissions.fromString("rw-------")));
        }
        try (var siblings = Files.list(job.directory())) {
            assertThat(siblings.map(Path::toString)).noneMatch(name -> name.endsWith(".partial"));
        }
    }
}
