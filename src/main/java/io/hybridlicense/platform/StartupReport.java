package io.hybridlicense.platform;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Says at start which database is in use. (Missing or unreadable token keys stop the start in the
 * auth module's {@code TokenKeys}.)
 */
@ApplicationScoped
class StartupReport {

    private static final Logger LOG = Logger.getLogger(StartupReport.class);

    private final HlConfig config;
    private final String jdbcUrl;

    StartupReport(HlConfig config, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl) {
        this.config = config;
        this.jdbcUrl = jdbcUrl;
    }

    void onStart(@Observes StartupEvent event) {
        String where = withoutParameters(jdbcUrl);
        if (config.database().embedded()) {
            LOG.infof("Database: embedded PostgreSQL at %s, data in %s (set QUARKUS_DATASOURCE_JDBC_URL to use "
                    + "an external one)", where, Path.of(config.dataDir()).toAbsolutePath().normalize());
        } else {
            LOG.infof("Database: external PostgreSQL at %s", where);
        }
    }

    /** JDBC URLs may carry a password as a parameter; never log it. */
    static String withoutParameters(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
