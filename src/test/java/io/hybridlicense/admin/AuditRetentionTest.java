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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Retention: off by default; when on, one database function purges old entries, a batch per transaction,
 * and audits each purge once.
 */
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
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.flyway.username")
    String owner;
    @ConfigProperty(name = "quarkus.flyway.password")
    String ownerPassword;

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

        long deleted = job.purge(365, config.batchSize());

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
    void purgesInBatches_eachCommittedOnItsOwn_andAuditsThePurgeOnce_withItsTotal() throws SQLException {
        List<String> old = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            old.add(recordedDaysAgo(400));
        }
        OffsetDateTime purgedAt = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime olderThan = purgedAt.minusDays(365);
        long due = olderThan(olderThan);
        int purgesBefore = purges().size();
        List<Long> batches = new ArrayList<>();
        try (Connection connection = runtimeRole.getConnection();
             PreparedStatement purge = connection.prepareStatement("SELECT admin.purge_audit_log(?, ?, 10)")) {
            purge.setObject(1, olderThan);
            purge.setObject(2, purgedAt);
            do {
                try (ResultSet row = purge.executeQuery()) {
                    row.next();
                    batches.add(row.getLong(1));
                }
                if (batches.get(batches.size() - 1) == 10) {
                    assertThat(purges()).as("not audited before the purge ends").hasSize(purgesBefore);
                    assertThat(olderThan(olderThan)).as("each batch is committed when its call returns, seen from elsewhere")
                            .isEqualTo(due - batches.stream().mapToLong(Long::longValue).sum());
                }
            } while (batches.get(batches.size() - 1) == 10);
        }

        long total = batches.stream().mapToLong(Long::longValue).sum();
        assertThat(batches).hasSizeGreaterThanOrEqualTo(3).allSatisfy(batch -> assertThat(batch).isLessThanOrEqualTo(10));
        assertThat(total).isEqualTo(due);
        assertThat(remaining(old)).isZero();
        List<AuditEntryView> purges = purges();
        assertThat(purges).hasSize(purgesBefore + 1);
        assertThat(((Number) purges.get(purges.size() - 1).details().get("deleted")).longValue()).isEqualTo(total);
    }

    @Test
    void theJobPurgesInBatches_andAnInterruptedPurgeIsAuditedByTheNextOne() throws SQLException {
        for (int i = 0; i < 15; i++) {
            recordedDaysAgo(400);
        }
        OffsetDateTime interruptedAt = OffsetDateTime.now(ZoneOffset.UTC).minusHours(3);
        try (Connection connection = runtimeRole.getConnection();
             PreparedStatement purge = connection.prepareStatement("SELECT admin.purge_audit_log(?, ?, 10)")) {
            purge.setObject(1, interruptedAt.minusDays(365));
            purge.setObject(2, interruptedAt);
            try (ResultSet row = purge.executeQuery()) {
                row.next();
                assertThat(row.getLong(1)).isEqualTo(10);
            }
        }
        try (Connection connection = asOwner(); var sql = connection.createStatement()) {
            // as if the server had stopped two hours ago, in the middle of that purge
            sql.executeUpdate("UPDATE admin.audit_log_purges SET last_batch_at = now() - interval '2 hours'");
        }
        int purgesBefore = purges().size();

        long deleted = job.purge(365, 4);

        assertThat(deleted).isGreaterThanOrEqualTo(5);
        List<AuditEntryView> purges = purges().subList(purgesBefore, purges().size());
        assertThat(purges).hasSize(2);
        assertThat(purges).anySatisfy(purge -> {
            assertThat(purge.details()).doesNotContainKey("interrupted");
            assertThat(((Number) purge.details().get("deleted")).longValue()).isEqualTo(deleted);
        });
        assertThat(purges).anySatisfy(purge -> {
            assertThat(purge.details()).containsEntry("interrupted", true);
            assertThat(((Number) purge.details().get("deleted")).longValue()).isEqualTo(10);
        });
        try (Connection connection = asOwner(); var sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT count(*) FROM admin.audit_log_purges")) {
            row.next();
            assertThat(row.getLong(1)).isZero();
        }
    }

    @Test
    void aBatchSizeBelowOne_isRefused_andTheRuntimeRoleCannotTouchThePurgesTotals() throws SQLException {
        try (Connection connection = runtimeRole.getConnection();
             PreparedStatement purge = connection.prepareStatement("SELECT admin.purge_audit_log(?, ?, 0)")) {
            purge.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minusDays(400));
            purge.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            assertThatThrownBy(purge::executeQuery).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
        }
        try (Connection connection = runtimeRole.getConnection(); var sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT has_table_privilege(current_user, 'admin.audit_log_purges', "
                     + "'SELECT, INSERT, UPDATE, DELETE, TRUNCATE')")) {
            row.next();
            assertThat(row.getBoolean(1)).isFalse();
        }
    }

    private List<AuditEntryView> purges() {
        return auditTrail.auditTrailOf("audit_log", "admin.audit_log");
    }

    private long olderThan(OffsetDateTime cutoff) throws SQLException {
        try (Connection connection = runtimeRole.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM admin.audit_log WHERE occurred_at < ?")) {
            count.setObject(1, cutoff);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private long remaining(List<String> subjects) {
        return subjects.stream().filter(subject -> !auditTrail.auditTrailOf("probe", subject).isEmpty()).count();
    }

    private Connection asOwner() throws SQLException {
        java.util.Properties credentials = new java.util.Properties();
        credentials.setProperty("user", owner);
        credentials.setProperty("password", ownerPassword);
        return new org.postgresql.Driver().connect(url, credentials);
    }

    @Test
    void theFunctionNeverPurgesTheLastDay_evenWhenTheRuntimeRoleAsks() throws SQLException {
        String recent = recordedDaysAgo(0);
        try (Connection connection = runtimeRole.getConnection();
             PreparedStatement purge = connection.prepareStatement("SELECT admin.purge_audit_log(?, ?, ?)")) {
            purge.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).plusDays(1));
            purge.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            purge.setInt(3, 10);
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
                     WHERE p.oid = 'admin.purge_audit_log(timestamptz, timestamptz, integer)'::regprocedure
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
