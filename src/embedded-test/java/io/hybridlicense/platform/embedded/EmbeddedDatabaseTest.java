package io.hybridlicense.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL: loopback only, password logins only, passwords kept 0600; older data directories upgraded. */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void aNewDataDirectory_admitsOnlyPasswordLogins_onLoopback() throws Exception {
        EmbeddedCredentials credentials = EmbeddedCredentials.loadOrCreate(dataDir);
        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(dataDir.resolve("postgres"), credentials)) {
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";

            assertRefused(url, credentials.ownerUser(), null);
            assertRefused(url, credentials.runtimeUser(), null);
            assertRefused(url, credentials.runtimeUser(), credentials.ownerPassword());
            try (Connection runtime = connect(url, credentials.runtimeUser(), credentials.runtimePassword())) {
                assertThat(single(runtime, "SHOW listen_addresses")).isEqualTo("localhost");
                assertThat(single(runtime, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user")).isEqualTo("false");
            }
            try (Connection owner = connect(url, credentials.ownerUser(), credentials.ownerPassword())) {
                assertThat(single(owner, "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> 'scram-sha-256'"))
                        .isEqualTo("0");
            }
        }
        assertThat(Files.getPosixFilePermissions(dataDir.resolve(EmbeddedCredentials.FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(EmbeddedCredentials.loadOrCreate(dataDir)).as("reused on restart").isEqualTo(credentials);
        assertThat(credentials.toString()).doesNotContain(credentials.ownerPassword(), credentials.runtimePassword());
    }

    @Test
    void aNewDataDirectory_andThePasswordsFile_areOwnerOnlyFromTheirCreation() throws Exception {
        Path fresh = dataDir.resolve("data");

        EmbeddedCredentials credentials = EmbeddedCredentials.loadOrCreate(fresh);

        assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(fresh.resolve(EmbeddedCredentials.FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(EmbeddedCredentials.loadOrCreate(fresh)).isEqualTo(credentials);
    }

    @Test
    void aPasswordsFileThatCannotBeRead_stopsTheStart_andIsNotReplaced() throws Exception {
        Path file = Files.createDirectory(dataDir.resolve(EmbeddedCredentials.FILE));

        assertThatThrownBy(() -> EmbeddedCredentials.loadOrCreate(dataDir)).hasMessageContaining("cannot be read");
        assertThat(file).isDirectory();
    }

    @Test
    void aPasswordProtectedDataDirectory_withoutItsPasswordsFile_refusesToStart_withAClearMessage() throws Exception {
        EmbeddedCredentials credentials = EmbeddedCredentials.loadOrCreate(dataDir);
        EmbeddedDatabase.start(dataDir.resolve("postgres"), credentials).close();
        Files.delete(dataDir.resolve(EmbeddedCredentials.FILE));

        assertThatThrownBy(() -> EmbeddedCredentials.loadOrCreate(dataDir)).hasMessageContaining("restore it");
    }

    @Test
    void aDataDirectoryOfAnOlderVersion_withTrust_isSwitchedToPasswords_keepingItsData() throws Exception {
        Path directory = dataDir.resolve("postgres");
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(directory).setCleanDataDirectory(false).start();
             Connection connection = old.getPostgresDatabase().getConnection();
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE kept (id int)");
        }
        EmbeddedCredentials credentials = EmbeddedCredentials.loadOrCreate(dataDir);

        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(directory, credentials)) {
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            assertRefused(url, "postgres", null);
            try (Connection owner = connect(url, credentials.ownerUser(), credentials.ownerPassword())) {
                assertThat(single(owner, "SELECT to_regclass('kept')::text")).isEqualTo("kept");
            }
            try (Connection runtime = connect(url, credentials.runtimeUser(), credentials.runtimePassword())) {
                assertThat(single(runtime, "SELECT current_user::text")).isEqualTo(credentials.runtimeUser());
            }
        }
        try (EmbeddedPostgres again = EmbeddedDatabase.start(directory, credentials);
             Connection owner = connect("jdbc:postgresql://localhost:" + again.getPort() + "/postgres",
                     credentials.ownerUser(), credentials.ownerPassword())) {
            assertThat(single(owner, "SELECT 'restarted'")).isEqualTo("restarted");
        }
    }

    private static void assertRefused(String url, String user, String password) {
        assertThatThrownBy(() -> connect(url, user, password).close()).isInstanceOf(SQLException.class);
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("no connection");
        }
        return connection;
    }

    private static String single(Connection connection, String query) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getString(1);
        }
    }
}
