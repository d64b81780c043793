package io.hybridlicense.schemasync.target;

import io.hybridlicense.schemasync.domain.Dialect;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a user's database is, from validated structured fields only: never a JDBC URL supplied by a
 * user, whose parameters (socket factories, plugins) could make the driver run arbitrary code.
 *
 * @param sqliteFile the resolved file, inside the configured SQLite directory, for {@code sqlite}
 * @param options    allowlisted driver options ({@link TargetConnector#ALLOWED_OPTIONS})
 */
public record TargetSpec(Dialect dialect, String host, int port, String database, String username, String password,
                         Path sqliteFile, Map<String, String> options) {

    @Override
    public String toString() {
        return "TargetSpec[" + dialect + " " + (sqliteFile != null ? sqliteFile : host + ":" + port + "/" + database) + "]";
    }
}
