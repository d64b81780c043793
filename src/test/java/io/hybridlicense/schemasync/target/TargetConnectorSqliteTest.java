package io.hybridlicense.schemasync.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hybridlicense.schemasync.domain.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver itself never creates a SQLite file: a file removed between the check of its existence and
 * the connection fails to open instead of becoming a new, empty database.
 */
class TargetConnectorSqliteTest {

    private final TargetConnector connector = new TargetConnector(Duration.ofSeconds(1), Duration.ofSeconds(1), null);

    @Test
    void aMissingFile_failsToOpen_andIsNotCreated(@TempDir Path directory) {
        Path missing = directory.resolve("gone.db");

        assertThatThrownBy(() -> connector.open(spec(missing)).close()).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode() & 0xff).isEqualTo(14)); // SQLITE_CANTOPEN
        assertThat(missing).doesNotExist();
        assertThat(FailureClassifier.isTransient(catchOpen(missing))).isFalse();
    }

    @Test
    void anExistingEmptyFile_opensAsADatabase(@TempDir Path directory) throws Exception {
        Path empty = Files.createFile(directory.resolve("empty.db"));
        try (Connection connection = connector.open(spec(empty))) {
            connection.createStatement().execute("create table t (a integer)");
        }
        assertThat(Files.size(empty)).isPositive();
    }

    private SQLException catchOpen(Path file) {
        try (Connection ignored = connector.open(spec(file))) {
            throw new AssertionError("opened");
        } catch (SQLException e) {
            return e;
        }
    }

    private static TargetSpec spec(Path file) {
        return new TargetSpec(Dialect.SQLITE, null, 0, null, null, null, file, Map.of(), null);
    }
}
