package io.hybridlicense.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.hybridlicense.admin.api.AuditEntryView;
import io.hybridlicense.testing.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Retention: off by default; when on, one database function purges old entries and audits the purge. */
@QuarkusTest
class AuditRetentionTest {

    @Inject
    AuditTrail auditTrail;
    @Inject
    AuditRetentionJob job;
    @Inject
    AuditRetentionConfig config;
    @Inject
    TestClock clock;
    @Inject
    AgroalDataSource runtimeRole;

    @Test
    void isOffByDefault_theScheduledRunPurgesNothing() {
        String old = recordedDaysAgo(400);
        assertThat(config.days()).isEmpty();

        job.run();

        assertThat(auditTrail.auditTrailOf("probe", old)).hasSize(1);
    }

    @Test
    void purgesEntriesOlderThanTheRetention_keepsTheRest_andAuditsThePurge() {
        String old = recordedDaysAgo(400);
        String kept = recordedDaysAgo(300);
        String recent = recordedDaysAgo(0);

        long deleted = job.purge(365);

        assertThat(deleted).isPositive();
        assertThat(auditTrail.auditTrailOf("probe", old)).isEmpty();
        assertThat(auditTrail.auditTrailOf("probe", kept)).hasSize(1);
        assertThat(auditTrail.auditTrailOf("probe", recent)).hasSize(1);
        List<AuditEntryView> purges = auditTrail.auditTrailOf("audit_log", "admin.audit_log");
        assertThat(purges).last().satisfies(purge -> {
            assertThat(purge.action()).isEqualTo("AUDIT_LOG_PURGED");
            assertThat(purge.module()).isEqualTo("admin");
            assertThat(purge.actorId()).isNull();
            assertThat(((Number) purge.details().get("deleted")).longValue()).isEqualTo(deleted);
            assertThat(purge.occurredAt()).isAfter(clock.now().minusSeconds(60));
        });
    }

    @Test
    void theFunctionNeverPurgesTheLastDay_evenWhenTheRuntimeRoleAsks() throws SQLException {
        String recent = recordedDaysAgo(0);
        try (Connection connection = runtimeRole.getConnection();
             PreparedStatement purge = connection.prepareStatement("SELECT admin.purge_audit_log(?, ?)")) {
            purge.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).plusDays(1));
            purge.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            assertThatThrownBy(purge::executeQuery).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
        }
        assertThat(auditTrail.auditTrailOf("probe", recent)).hasSize(1);
    }

    @Test
    void theFunctionIsOwnedByTheMigrationOwner_securityDefiner_withAFixedSearchPath_andOnlyTheRuntimeRoleMayRunIt()
            throws SQLException {
        try (Connection connection = runtimeRole.getConnection();
             var sql = connection.createStatement();
             var row = sql.executeQuery("""
                     SELECT pg_get_userbyid(p.proowner) <> current_user AS owned_by_another,
                            pg_get_userbyid(p.proowner) = pg_get_userbyid(c.relowner) AS owned_like_the_log,
                            p.prosecdef, p.proconfig::text AS config,
                            has_function_privilege(current_user, p.oid, 'EXECUTE') AS runtime_may_execute,
                            has_function_privilege('public', p.oid, 'EXECUTE') AS public_may_execute
                     FROM pg_proc p, pg_class c
                     WHERE p.oid = 'admin.purge_audit_log(timestamptz, timestamptz)'::regprocedure
                       AND c.oid = 'admin.audit_log'::regclass""")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getBoolean("owned_by_another")).isTrue();
            assertThat(row.getBoolean("owned_like_the_log")).isTrue();
            assertThat(row.getBoolean("prosecdef")).isTrue();
            assertThat(row.getString("config")).contains("search_path=pg_catalog, pg_temp");
            assertThat(row.getBoolean("runtime_may_execute")).isTrue();
            assertThat(row.getBoolean("public_may_execute")).isFalse();
        }
    }

    @Test
    void theRuntimeRole_stillCannotDelete_evenWithThePurgeSetting() throws SQLException {
        String old = recordedDaysAgo(400);
        try (Connection connection = runtimeRole.getConnection(); var sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            sql.execute("SELECT set_config('hl.audit_purge', 'on', true)");
            assertThatThrownBy(() -> sql.executeUpdate("DELETE FROM admin.audit_log WHERE subject_id = '" + old + "'"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            connection.rollback();
            connection.setAutoCommit(true);
        }
        assertThat(auditTrail.auditTrailOf("probe", old)).hasSize(1);
    }

    private String recordedDaysAgo(int days) {
        String subject = UUID.randomUUID().toString();
        clock.stop();
        clock.advance(Duration.ofDays(-days));
        try {
            QuarkusTransaction.requiringNew().run(() -> auditTrail.record(
                    new AuditTrail.Entry("PROBE_RETAINED", "test", "probe", subject, null, Map.of())));
        } finally {
            clock.resume();
        }
        return subject;
    }
}
