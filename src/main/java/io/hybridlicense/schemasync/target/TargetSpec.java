package io.hybridlicense.schemasync.target;

import io.hybridlicense.schemasync.domain.Dialect;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a user's database is, from validated structured fields only: never a JDBC URL supplied by a
 * user, whose parameters (socket factories, plugins) could make the driver run arbitrary code.
 *
 * @param host       the host name as registered (TLS {@code verify-full} checks the certificate against it)
 * @param address    the address {@code host} resolved to and {@link io.hybridlicense.shared.AddressPolicy} allowed, which the
 *                   connection goes to (no second DNS lookup between check and connect); {@code null}
 *                   when the host did not resolve, which fails like an unreachable database
 * @param sqliteFile the resolved file, inside the configured SQLite directory, for {@code sqlite}
 * @param options    allowlisted driver options ({@link TargetConnector#ALLOWED_OPTIONS})
 */
public record TargetSpec(Dialect dialect, String host, int port, String database, String username, String password,
                         Path sqliteFile, Map<String, String> options, InetAddress address) {

    @Override
    public String toString() {
        return "TargetSpec[" + dialect + " " + (sqliteFile != null ? sqliteFile : host + ":" + port + "/" + database) + "]";
    }
}
