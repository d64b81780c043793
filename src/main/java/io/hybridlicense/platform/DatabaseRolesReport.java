package io.hybridlicense.platform;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.logging.Logger;

/**
 * Warns at start when requests are served by the role that owns the schema (one credential for both
 * QUARKUS_FLYWAY_USERNAME and QUARKUS_DATASOURCE_USERNAME): it works, but that role could disable the
 * audit log's triggers and rewrite it.
 */
@ApplicationScoped
class DatabaseRolesReport {

    private static final Logger LOG = Logger.getLogger(DatabaseRolesReport.class);

    private final AgroalDataSource dataSource;

    DatabaseRolesReport(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void onStart(@Observes StartupEvent event) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_has_role(current_user, relowner, 'USAGE') "
                     + "FROM pg_class WHERE oid = to_regclass('admin.audit_log')")) {
            if (row.next() && row.getBoolean(1)) {
                LOG.warn("Requests are served by the role that owns the schema, so the audit log is append-only "
                        + "only as long as nobody drops its triggers. Set QUARKUS_FLYWAY_USERNAME/_PASSWORD to the "
                        + "owner that migrates and QUARKUS_DATASOURCE_USERNAME/_PASSWORD to a separate runtime role "
                        + "(see README, Production)");
            }
        } catch (SQLException e) {
            LOG.warnf("Could not check which role owns the schema: %s", e.getMessage());
        }
    }
}
