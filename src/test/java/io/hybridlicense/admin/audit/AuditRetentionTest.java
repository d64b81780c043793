package io.hybridlicense.admin.audit;

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
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Retention: off by default; when on, the migration writes it where only the owner can change it, and one
 * database function purges what is past it, a batch per transaction, auditing each purge once. The runtime
 * role can neither ask for a shorter retention nor change it.
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
    @Inject
    Flyway flyway;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.flyway.username")
    String owner;
    @ConfigProperty(name = "quarkus.flyway.password")
    String ownerPassword;

    @AfterEach
    void retentionOffAgain() {
        migrateWithRetention("never");
    }

    @Test
    void isOffByDefault_theScheduledRunAndTheFunctionPurgeNothing() throws SQLException {
        String old = recordedDaysAgo(400);
        assertThat(config.days()).isEmpty();

        job.run();

        assertThat(purgeBatch(UUID.randomUUID(), 10)).isZero();
        assertThat(auditTrail.auditTrailOf("probe", old)).hasSize(1);
    }

    @Test
    void theMigrationWritesTheRetention_theFunctionPurgesPastIt_keepsTheRest_andAuditsThePurgeAtTheDatabasesTime() {
        migrateWithRetention("365");
        String old = recordedDaysAgo(400);
        String kept = recordedDaysAgo(300);
        String recent = recordedDaysAgo(0);

        long deleted = job.purge(config.batchSize());

        assertThat(deleted).isPositive();
        assertThat(auditTrail.auditTrailOf("probe", old)).isEmpty();
        assertThat(auditTrail.auditTrailOf("probe", kept)).hasSize(1);
        assertThat(auditTrail.auditTrailOf("probe", recent)).hasSize(1);
        assertThat(purges()).last().satisfies(purge -> {
            assertThat(purge.action()).isEqualTo("AUDIT_LOG_PURGED");
            assertThat(purge.module()).isEqualTo("admin");
            assertThat(purge.actorId()).isNull();
            assertThat(((Number) purge.details().get("deleted")).longValue()).isEqualTo(deleted);
            assertThat(((Number) purge.details().get("retentionDays")).intValue()).isEqualTo(365);
            assertThat(purge.occurredAt()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60));
        });
    }

    @Test
    void theRuntimeRole_askingForAnAggressiveCutoff_deletesNothingYoungerThanTheRetention() throws SQLException {
        migrateWithRetention("365");
        String old = recordedDaysAgo(400);
        String monthOld = recordedDaysAgo(30);
        String twoDaysOld = recordedDaysAgo(2);

        try (Connection connection = runtimeRole.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("SELECT admin.purge_audit_log(now() - interval '25 hours', now(), 1000)");
        } catch (SQLException refused) {
            // the signature that took its cutoff and audit time from the caller is gone
            assertThat(refused.getSQLState()).isEqualTo("42883");
        }
        assertThat(auditTrail.auditTrailOf("probe", monthOld)).hasSize(1);
        assertThat(auditTrail.auditTrailOf("probe", twoDaysOld)).hasSize(1);

        UUID purge = UUID.randomUUID();
        while (purgeBatch(purge, 1000) == 1000) {
            // the function decides what is old enough, whatever the runtime role would like
        }

        assertThat(auditTrail.auditTrailOf("probe", old)).isEmpty();
        assertThat(auditTrail.auditTrailOf("probe", monthOld)).hasSize(1);
        assertThat(auditTrail.auditTrailOf("probe", twoDaysOld)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UPDATE admin.audit_retention SET days = 1",
            "DELETE FROM admin.audit_retention",
            "TRUNCATE admin.audit_retention",
            "INSERT INTO admin.audit_retention (singleton, days) VALUES (true, 1)",
            "ALTER TABLE admin.audit_retention DROP CONSTRAINT audit_retention_days_check",
            "DROP TABLE admin.audit_retention",
            "CREATE OR REPLACE FUNCTION admin.purge_audit_log(purge_id uuid, batch_size integer) RETURNS bigint "
                    + "LANGUAGE sql AS 'SELECT 0::bigint'"})
    void theRuntimeRole_cannotChangeTheRetention(String statement) throws SQLException {
        migrateWithRetention("365");

        try (Connection connection = runtimeRole.getConnection(); Statement sql = connection.createStatement()) {
            assertThatThrownBy(() -> sql.execute(statement))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("42501", "42P01"));
            try (ResultSet row = sql.executeQuery("SELECT days FROM admin.audit_retention")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getInt(1)).isEqualTo(365);
            }
        }
    }

    @Test
    void aRetentionBelowOneDay_isRefusedByTheDatabase_evenToTheOwner() throws SQLException {
        try (Connection connection = asOwner(); Statement sql = connection.createStatement()) {
            assertThatThrownBy(() -> sql.executeUpdate("UPDATE admin.audit_retention SET days = 0"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23514"));
        }
    }

    @Test
    void purgesInBatches_eachCommittedOnItsOwn_andAuditsThePurgeOnce_withItsTotal() throws SQLException {
        migrateWithRetention("365");
        List<String> old = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            old.add(recordedDaysAgo(400));
        }
        OffsetDateTime olderThan = OffsetDateTime.now(ZoneOffset.UTC).minusDays(365);
        long due = olderThan(olderThan);
        int purgesBefore = purges().size();
        List<Long> batches = new ArrayList<>();
        UUID purge = UUID.randomUUID();
        do {
            batches.add(purgeBatch(purge, 10));
            if (batches.get(batches.size() - 1) == 10) {
                assertThat(purges()).as("not audited before the purge ends").hasSize(purgesBefore);
                assertThat(olderThan(olderThan)).as("each batch is committed when its call returns, seen from elsewhere")
                        .isEqualTo(due - batches.stream().mapToLong(Long::longValue).sum());
            }
        } while (batches.get(batches.size() - 1) == 10);

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
        migrateWithRetention("365");
        for (int i = 0; i < 15; i++) {
            recordedDaysAgo(400);
        }
        UUID interrupted = UUID.randomUUID();
        assertThat(purgeBatch(interrupted, 10)).isEqualTo(10);
        try (Connection connection = asOwner(); Statement sql = connection.createStatement()) {
            // as if the server had stopped two hours ago, in the middle of that purge
            sql.executeUpdate("UPDATE admin.audit_log_purges SET last_batch_at = now() - interval '2 hours'");
        }
        int purgesBefore = purges().size();

        long deleted = job.purge(4);

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
        try (Connection connection = asOwner(); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT count(*) FROM admin.audit_log_purges")) {
            row.next();
            assertThat(row.getLong(1)).isZero();
        }
    }

    @Test
    void aBatchSizeBelowOne_isRefused_andTheRuntimeRoleCannotTouchThePurgesTotals() throws SQLException {
        assertThatThrownBy(() -> purgeBatch(UUID.randomUUID(), 0)).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
        try (Connection connection = runtimeRole.getConnection(); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT has_table_privilege(current_user, 'admin.audit_log_purges', "
                     + "'SELECT, INSERT, UPDATE, DELETE, TRUNCATE')")) {
            row.next();
            assertThat(row.getBoolean(1)).isFalse();
        }
    }

    @Test
    void theFunctionIsOwnedByTheMigrationOwner_securityDefiner_withAFixedSearchPath_andOnlyTheRuntimeRoleMayRunIt()
            throws SQLException {
        try (Connection connection = runtimeRole.getConnection();
             Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("""
                     SELECT pg_get_userbyid(p.proowner) <> current_user AS owned_by_another,
                            pg_get_userbyid(p.proowner) = pg_get_userbyid(c.relowner) AS owned_like_the_log,
                            pg_get_userbyid(r.relowner) = pg_get_userbyid(c.relowner) AS retention_owned_like_the_log,
                            p.prosecdef, p.proconfig::text AS config,
                            has_function_privilege(current_user, p.oid, 'EXECUTE') AS runtime_may_execute,
                            has_function_privilege('public', p.oid, 'EXECUTE') AS public_may_execute,
                            has_table_privilege(current_user, r.oid, 'SELECT') AS runtime_may_read_retention,
                            has_table_privilege(current_user, r.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
                                AS runtime_may_change_retention
                     FROM pg_proc p, pg_class c, pg_class r
                     WHERE p.oid = 'admin.purge_audit_log(uuid, integer)'::regprocedure
                       AND c.oid = 'admin.audit_log'::regclass AND r.oid = 'admin.audit_retention'::regclass""")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getBoolean("owned_by_another")).isTrue();
            assertThat(row.getBoolean("owned_like_the_log")).isTrue();
            assertThat(row.getBoolean("retention_owned_like_the_log")).isTrue();
            assertThat(row.getBoolean("prosecdef")).isTrue();
            assertThat(row.getString("config")).contains("search_path=pg_catalog, pg_temp");
            assertThat(row.getBoolean("runtime_may_execute")).isTrue();
            assertThat(row.getBoolean("public_may_execute")).isFalse();
            assertThat(row.getBoolean("runtime_may_read_retention")).isTrue();
            assertThat(row.getBoolean("runtime_may_change_retention")).isFalse();
        }
    }

    @Test
    void theRuntimeRole_stillCannotDelete_evenWithThePurgeSetting() throws SQLException {
        String old = recordedDaysAgo(400);
        try (Connection connection = runtimeRole.getConnection(); Statement sql = connection.createStatement()) {
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

    /** What a migration with {@code hl.admin.audit-retention.days} set to {@code days} does: the application's own Flyway, as the owner. */
    private void migrateWithRetention(String days) {
        Map<String, String> placeholders = new HashMap<>(flyway.getConfiguration().getPlaceholders());
        placeholders.put("audit_retention_days", days);
        Flyway.configure(flyway.getConfiguration().getClassLoader()).configuration(flyway.getConfiguration())
                .placeholders(placeholders).load().migrate();
    }

    private long purgeBatch(UUID purge, int batchSize) throws SQLException {
        try (Connection connection = runtimeRole.getConnection();
             PreparedStatement call = connection.prepareStatement("SELECT admin.purge_audit_log(?, ?)")) {
            call.setObject(1, purge);
            call.setInt(2, batchSize);
            try (ResultSet row = call.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
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
        Properties credentials = new Properties();
        credentials.setProperty("user", owner);
        credentials.setProperty("password", ownerPassword);
        return new org.postgresql.Driver().connect(url, credentials);
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
