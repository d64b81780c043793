package io.hybridlicense.platform.backup;

import java.util.Arrays;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The application's migrations configured as the running application configures them
 * ({@code quarkus.flyway.locations}, {@code .table} and the {@code runtime_role} placeholder), for a restore
 * that runs before the application.
 */
public final class FlywayMigrations implements BackupRestorer.Migrations {

    private final FluentConfiguration configuration;

    public FlywayMigrations(String jdbcUrl, String owner, String ownerPassword, String runtimeRole, String table,
                            String locations) {
        this.configuration = Flyway.configure(FlywayMigrations.class.getClassLoader())
                .dataSource(jdbcUrl, owner, ownerPassword)
                .locations(Arrays.stream(locations.split(",")).map(String::strip).map(l -> l.contains(":") ? l : "classpath:" + l)
                        .toArray(String[]::new))
                .table(table)
                .placeholders(Map.of("runtime_role", runtimeRole));
    }

    @Override
    public MigrationVersion newestKnown() {
        return Arrays.stream(Flyway.configure(FlywayMigrations.class.getClassLoader()).configuration(configuration).load()
                        .info().all())
                .map(MigrationInfo::getVersion)
                .filter(version -> version != null)
                .max(MigrationVersion::compareTo)
                .orElseThrow(() -> new IllegalStateException("No migrations found in " + Arrays.toString(configuration.getLocations())));
    }

    @Override
    public void migrateTo(MigrationVersion version) {
        Flyway.configure(FlywayMigrations.class.getClassLoader()).configuration(configuration).target(version).load().migrate();
    }
}
