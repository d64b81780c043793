package io.hybridlicense.platform.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The application's migrations configured as the running application configures them
 * ({@code quarkus.flyway.locations}, {@code .table} and the {@code runtime_role} placeholder), for a restore
 * that runs before the application.
 */
public final class FlywayMigrations {

    private final FluentConfiguration configuration;
    private final String table;

    /** As {@code application.properties} configures them (read as a file: this runs before the application). */
    public static FlywayMigrations ofApplication(String jdbcUrl, String owner, String ownerPassword, String runtimeRole) {
        Properties application = new Properties();
        try (InputStream in = FlywayMigrations.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new IllegalStateException("application.properties is not on the class path");
            }
            application.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FlywayMigrations(jdbcUrl, owner, ownerPassword, runtimeRole,
                application.getProperty("quarkus.flyway.table", "flyway_schema_history"),
                application.getProperty("quarkus.flyway.locations"));
    }

    FlywayMigrations(String jdbcUrl, String owner, String ownerPassword, String runtimeRole, String table,
                     String locations) {
        this.table = table;
        this.configuration = Flyway.configure(FlywayMigrations.class.getClassLoader())
                .dataSource(jdbcUrl, owner, ownerPassword)
                .locations(Arrays.stream(locations.split(",")).map(String::strip).map(l -> l.contains(":") ? l : "classpath:" + l)
                        .toArray(String[]::new))
                .table(table)
                // the retention is written by the application's own next migration, with its settings
                .placeholders(Map.of("runtime_role", runtimeRole, "audit_retention_days", "never"));
    }

    public String historyTable() {
        return table;
    }

    /** The newest version this application's migrations reach. */
    public MigrationVersion newestKnown() {
        return Arrays.stream(Flyway.configure(FlywayMigrations.class.getClassLoader()).configuration(configuration).load()
                        .info().all())
                .map(MigrationInfo::getVersion)
                .filter(version -> version != null)
                .max(MigrationVersion::compareTo)
                .orElseThrow(() -> new IllegalStateException("No migrations found in " + Arrays.toString(configuration.getLocations())));
    }

    public void migrateTo(MigrationVersion version) {
        Flyway.configure(FlywayMigrations.class.getClassLoader()).configuration(configuration).target(version).load().migrate();
    }
}
