package io.hybridlicense.platform.backup;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The application's migrations configured as the running application configures them
 * ({@code quarkus.flyway.locations}, {@code .table} and its placeholders), for a restore
 * that runs before the application.
 */
public final class FlywayMigrations {

    private static final String PLACEHOLDER_PREFIX = "quarkus.flyway.placeholders.";

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
        Map<String, String> placeholders = placeholdersOf(application);
        placeholders.put("runtime_role", runtimeRole);
        // the retention is written by the application's own next migration, with its settings
        placeholders.put("audit_retention_days", "never");
        return new FlywayMigrations(jdbcUrl, owner, ownerPassword, placeholders,
                application.getProperty("quarkus.flyway.table", "flyway_schema_history"),
                application.getProperty("quarkus.flyway.locations"));
    }

    /**
     * Every {@code quarkus.flyway.placeholders.*} of the application, with its expressions resolved as the
     * application would resolve them (system properties, then the environment, e.g. {@code HL_LICENSE_SEATS_FREE},
     * then the default written in the file): a migration of a restore seeds the same values as a start.
     */
    static Map<String, String> placeholdersOf(Properties application) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultSources().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(application, "application.properties", 250)).build();
        Map<String, String> placeholders = new HashMap<>();
        for (String name : application.stringPropertyNames()) {
            if (name.startsWith(PLACEHOLDER_PREFIX)) {
                placeholders.put(name.substring(PLACEHOLDER_PREFIX.length()), config.getOptionalValue(name, String.class).orElse(""));
            }
        }
        return placeholders;
    }

    FlywayMigrations(String jdbcUrl, String owner, String ownerPassword, Map<String, String> placeholders, String table,
                     String locations) {
        this.table = table;
        this.configuration = Flyway.configure(FlywayMigrations.class.getClassLoader())
                .dataSource(jdbcUrl, owner, ownerPassword)
                .locations(Arrays.stream(locations.split(",")).map(String::strip).map(l -> l.contains(":") ? l : "classpath:" + l)
                        .toArray(String[]::new))
                .table(table)
                .placeholders(placeholders);
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
