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
        freshDatabase("refused_newer");

        assertThatThrownBy(() -> restore(newer, "refused_newer", false))
                .isInstanceOf(BackupRestorer.RefusedException.class).hasMessageContaining("newer");
        assertThat(digestsOf("refused_newer")).isEmpty();
    }

    @Test
    void aDamagedBackup_isRefused_beforeAnythingIsTouched() throws Exception {
        Path damaged = copyOfTheBackup("damaged");
        flipAByteOf(damaged.resolve("admin.audit_log.copy.gz"));
        freshDatabase("refused_damaged");

        assertThatThrownBy(() -> restore(damaged, "refused_damaged", false))
                .isInstanceOf(BackupRestorer.RefusedException.class).hasMessageContaining("damaged");
        assertThat(digestsOf("refused_damaged")).isEmpty();
    }

    @Test
    void aDatabaseWithData_isRefused_unlessWiped() throws Exception {
        Path backup = Path.of(RestoredDatabase.result("backup"));
        freshDatabase("refused_used");
        restore(backup, "refused_used", false);
        Map<String, String> restored = digestsOf("refused_used");
        try (Connection used = connect("refused_used"); Statement sql = used.createStatement()) {
            sql.execute("DELETE FROM license.licenses WHERE client_id LIKE 'client-user-1%'");
        }

        assertThatThrownBy(() -> restore(backup, "refused_used", false))
                .isInstanceOf(BackupRestorer.RefusedException.class).hasMessageContaining("not empty");
        assertThat(digestsOf("refused_used")).isNotEqualTo(restored);

        restore(backup, "refused_used", true);
        assertThat(digestsOf("refused_used")).isEqualTo(restored).isEqualTo(digests("before."));
    }

    @Test
    void aWipingRestoreThatFails_leavesThePreviousDataIntact() throws Exception {
        freshDatabase("kept_on_failure");
        restore(Path.of(RestoredDatabase.result("backup")), "kept_on_failure", false);
        try (Connection used = connect("kept_on_failure"); Statement sql = used.createStatement()) {
            sql.execute("DELETE FROM license.licenses WHERE client_id LIKE 'client-user-2%'");
        }
        Map<String, String> previous = digestsOf("kept_on_failure");
        // damage the checksum cannot see (the file was damaged before it was summed): the load itself fails
        Path damaged = copyOfTheBackup("damaged_unseen");
        String file = "admin.audit_log.copy.gz";
        flipAByteOf(damaged.resolve(file));
        Path manifest = damaged.resolve(BackupManifest.FILE);
        Files.writeString(manifest, Files.readString(manifest, StandardCharsets.UTF_8).replaceAll(
                "(?m)^table\\.admin\\.audit_log\\.sha256=.*$", "table.admin.audit_log.sha256=" + sha256(damaged.resolve(file))),
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> restore(damaged, "kept_on_failure", true)).isInstanceOfAny(IOException.class, SQLException.class,
                IllegalStateException.class);

        assertThat(digestsOf("kept_on_failure")).isEqualTo(previous);
        try (Connection postgres = connect("postgres"); Statement sql = postgres.createStatement();
             var left = sql.executeQuery("SELECT count(*) FROM pg_database WHERE datname LIKE 'kept_on_failure_%'")) {
            left.next();
            assertThat(left.getLong(1)).as("no half-restored database left behind").isZero();
        }
    }

    private static void restore(Path backup, String database, boolean wipe) throws SQLException, IOException {
        new BackupRestorer(server()).restore(backup, database, wipe);
    }

    private static PostgresServer server() {
        return new PostgresServer("localhost", Integer.parseInt(RestoredDatabase.result("port")), "postgres",
                RestoredDatabase.OWNER_PASSWORD, RestoredDatabase.RUNTIME);
    }

    private static Connection connect(String database) throws SQLException {
        return server().connect(database);
    }

    private static Map<String, String> digestsOf(String database) throws SQLException {
        try (Connection connection = connect(database)) {
            return TableDigests.of(connection);
        }
    }

    private static void freshDatabase(String name) throws SQLException {
        try (Connection postgres = connect("postgres"); Statement sql = postgres.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + name);
        }
    }

    private static void flipAByteOf(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
    }

    private static String sha256(Path file) throws IOException {
        return java.util.HexFormat.of().formatHex(BackupWriter.sha256().digest(Files.readAllBytes(file)));
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
