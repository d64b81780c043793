package io.hybridlicense.platform.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.hybridlicense.admin.api.AdminApi;
import io.hybridlicense.auth.api.AuthApi;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Backup → wipe → restore → every table identical, and the application starts on the restored database
 * ({@link RestoredDatabase} does the first part before the application starts; this test checks the result).
 */
@QuarkusTest
@TestProfile(BackupRestoreTest.OnARestoredDatabase.class)
class BackupRestoreTest {

    private static final Logger LOG = Logger.getLogger(BackupRestoreTest.class);

    public static class OnARestoredDatabase implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RestoredDatabase.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // switched on, so that only the external database keeps the scheduled backup from running
            return Map.of("hl.backup.enabled", "true", "hl.backup.directory", RestoredDatabase.WORK.resolve("scheduled").toString());
        }
    }

    @Inject
    AuthApi auth;
    @Inject
    AdminApi admin;
    @Inject
    BackupJob job;

    @Test
    void everyTable_isIdenticalAfterTheRestore() {
        Map<String, String> before = digests("before.");
        Map<String, String> after = digests("after.");

        assertThat(before.keySet()).contains("auth.users", "license.licenses", "license.subscriptions", "admin.audit_log",
                "schemasync.datasource", "schemasync.event", "schemasync.outbox");
        assertThat(after).isEqualTo(before);
        assertThat(TableDigests.rows(before)).isGreaterThan(20_000);
        LOG.infof("Backup of %d rows in %d tables: %s ms, %d KiB; restore %s ms", TableDigests.rows(before), before.size(),
                RestoredDatabase.result("backup-millis"), kib(Path.of(RestoredDatabase.result("backup"))),
                RestoredDatabase.result("restore-millis"));
    }

    @Test
    void theApplication_startsOnTheRestoredDatabase_andServesItsData() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        assertThat(auth.findUser(RestoredDatabase.SEEDED_USER)).hasValueSatisfying(user ->
                assertThat(user.email()).isEqualTo("seeded@example.test"));
        assertThat(admin.auditTrailOf("user", RestoredDatabase.SEEDED_USER.toString())).hasSizeGreaterThan(1000);
    }

    @Test
    void anExternalDatabase_isNeverBackedUpByTheServer() {
        job.backupWhenDue();

        assertThat(job.directory()).isEqualTo(RestoredDatabase.WORK.resolve("scheduled")).doesNotExist();
    }

    @Test
    void aBackupOfANewerSchema_isRefused_andTheDatabaseIsLeftAlone() throws Exception {
        Path newer = copyOfTheBackup("newer");
        Path manifest = newer.resolve(BackupManifest.FILE);
        String text = Files.readString(manifest, StandardCharsets.UTF_8).replaceAll("(?m)^schema-version=.*$", "schema-version=9999.01.01.0000");
        Files.writeString(manifest, text, StandardCharsets.UTF_8);

        try (Connection empty = freshDatabase("refused_newer")) {
            assertThatThrownBy(() -> restore(newer, empty, false))
                    .isInstanceOf(BackupRestorer.RefusedException.class).hasMessageContaining("newer");
            assertThat(TableDigests.of(empty)).isEmpty();
        }
    }

    @Test
    void aDamagedBackup_isRefused_beforeAnythingIsTouched() throws Exception {
        Path damaged = copyOfTheBackup("damaged");
        Path audit = damaged.resolve("admin.audit_log.copy.gz");
        byte[] bytes = Files.readAllBytes(audit);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(audit, bytes);

        try (Connection empty = freshDatabase("refused_damaged")) {
            assertThatThrownBy(() -> restore(damaged, empty, false))
                    .isInstanceOf(BackupRestorer.RefusedException.class).hasMessageContaining("damaged");
            assertThat(TableDigests.of(empty)).isEmpty();
        }
    }

    @Test
    void aDatabaseWithData_isRefused_unlessWiped() throws Exception {
        Path backup = Path.of(RestoredDatabase.result("backup"));
        try (Connection used = freshDatabase("refused_used")) {
            restore(backup, used, false);
            Map<String, String> restored = TableDigests.of(used);
            try (Statement sql = used.createStatement()) {
                sql.execute("DELETE FROM license.licenses WHERE client_id LIKE 'client-user-1%'");
            }

            assertThatThrownBy(() -> restore(backup, used, false))
                    .isInstanceOf(BackupRestorer.RefusedException.class).hasMessageContaining("not empty");
            assertThat(TableDigests.of(used)).isNotEqualTo(restored);

            restore(backup, used, true);
            assertThat(TableDigests.of(used)).isEqualTo(restored).isEqualTo(digests("before."));
        }
    }

    private static void restore(Path backup, Connection owner, boolean wipe) throws SQLException, IOException {
        String url = owner.getMetaData().getURL();
        FlywayMigrations migrations = FlywayMigrations.ofApplication(url, "postgres", RestoredDatabase.OWNER_PASSWORD,
                RestoredDatabase.RUNTIME);
        new BackupRestorer(migrations.historyTable()).restore(backup, owner, migrations, wipe);
    }

    private static Connection freshDatabase(String name) throws SQLException {
        String server = "jdbc:postgresql://localhost:" + RestoredDatabase.result("port") + "/";
        try (Connection postgres = DriverManager.getConnection(server + "postgres", "postgres", RestoredDatabase.OWNER_PASSWORD);
             Statement sql = postgres.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + name);
            sql.execute("CREATE DATABASE " + name);
        }
        return DriverManager.getConnection(server + name, "postgres", RestoredDatabase.OWNER_PASSWORD);
    }

    private static Path copyOfTheBackup(String name) throws IOException {
        Path source = Path.of(RestoredDatabase.result("backup"));
        Path copy = RestoredDatabase.WORK.resolve(name);
        BackupWriter.deleteTree(copy);
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return copy;
    }

    private static Map<String, String> digests(String prefix) {
        Map<String, String> digests = new TreeMap<>();
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith(RestoredDatabase.PREFIX + prefix))
                .forEach(key -> digests.put(key.substring((RestoredDatabase.PREFIX + prefix).length()), System.getProperty(key)));
        return digests;
    }

    private static long kib(Path backup) {
        try (Stream<Path> files = Files.list(backup)) {
            return files.mapToLong(file -> file.toFile().length()).sum() / 1024;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
