package io.hybridlicense.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The application serves requests as the runtime role (the test profile runs the embedded default's
 * two roles): it may add and read audit entries, nothing else, so it cannot undo the append-only rule.
 */
@QuarkusTest
class AuditLogPrivilegesTest {

    @Inject
    AuditTrail auditTrail;

    @Inject
    AgroalDataSource runtimeRole;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.flyway.username")
    String owner;

    @ConfigProperty(name = "quarkus.flyway.password")
    String ownerPassword;

    @ParameterizedTest
    @ValueSource(strings = {
            "UPDATE admin.audit_log SET action = 'FORGED' WHERE subject_id = '%s'",
            "DELETE FROM admin.audit_log WHERE subject_id = '%s'",
            "TRUNCATE admin.audit_log",
            "ALTER TABLE admin.audit_log DISABLE TRIGGER audit_log_no_update_or_delete",
            "ALTER TABLE admin.audit_log ADD COLUMN forged text",
            "DROP TRIGGER audit_log_no_update_or_delete ON admin.audit_log",
            "DROP TRIGGER audit_log_no_truncate ON admin.audit_log",
            "ALTER TABLE admin.audit_log OWNER TO CURRENT_USER",
            "DROP TABLE admin.audit_log"})
    void theRuntimeRole_cannotChangeTheAuditLog(String statement) throws SQLException {
        String subject = recorded();

        try (Connection connection = runtimeRole.getConnection(); Statement sql = connection.createStatement()) {
            assertThatThrownBy(() -> sql.execute(statement.formatted(subject)))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("42501", "42P01"));
        }

        assertThat(auditTrail.auditTrailOf("probe", subject)).singleElement()
                .extracting(view -> view.action()).isEqualTo("PROBE_CHANGED");
    }

    @Test
    void theRuntimeRole_isNotTheOwner_andTheOwnersTriggersStillRefuseChanges() throws SQLException {
        String subject = recorded();
        try (Connection connection = runtimeRole.getConnection(); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT current_user, pg_get_userbyid(relowner), current_database() "
                     + "FROM pg_class WHERE oid = 'admin.audit_log'::regclass")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isNotEqualTo(row.getString(2)).isNotEqualTo(owner);
            assertThat(row.getString(2)).isEqualTo(owner);
            assertThat(row.getString(3)).as("the app can read its own database's name").isNotBlank();
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", owner);
        credentials.setProperty("password", ownerPassword);
        try (Connection connection = new org.postgresql.Driver().connect(url, credentials);
             PreparedStatement delete = connection.prepareStatement("DELETE FROM admin.audit_log WHERE subject_id = ?")) {
            delete.setString(1, subject);
            assertThatThrownBy(delete::executeUpdate).hasMessageContaining("append-only");
        }
    }

    private String recorded() {
        String subject = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> auditTrail.record(
                new AuditTrail.Entry("PROBE_CHANGED", "test", "probe", subject, null, Map.of("reason", "test"))));
        return subject;
    }
}
