package io.hybridlicense.admin.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.hybridlicense.admin.audit.AuditLogQuery;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every reporting query, exactly as the application sends it, can be served by an index: in the plan
 * for the values bound and in the generic plan the driver switches to once a statement is prepared on
 * the server (so no index is found only because a value was known). The test database is small, so
 * {@code enable_seqscan}, {@code enable_bitmapscan} and {@code enable_sort = off} ask whether an index path
 * (in the order asked for) exists at all; docs/reporting.md shows the
 * plans and timings at 1,000,000 rows.
 */
@QuarkusTest
class ReportingIndexUsageTest {

    private static final Logger LOG = Logger.getLogger(ReportingIndexUsageTest.class);
    private static final String USER = "'4f1c2b8e-0000-4000-8000-000000000001'";
    private static final String NOW = "'2026-11-30T12:00:00Z'";

    @Inject
    AgroalDataSource runtimeRole;

    @ParameterizedTest
    @ValueSource(strings = {"force_custom_plan", "force_generic_plan"})
    void statistics(String planMode) throws SQLException {
        assertThat(plan(planMode, Reports.PLAN_STATS, NOW, "'{free,pro,enterprise}'"))
                .contains("users_plan_created_at_idx").doesNotContain("Seq Scan on users");
        assertThat(plan(planMode, Reports.STATUS_STATS, "'{active,suspended,revoked,expired,deactivated}'"))
                .contains("licenses_status_created_at_idx").doesNotContain("Seq Scan on licenses");
        // a day's few maintained counts (license.activation_day_counts) by primary key, never the licenses
        assertThat(plan(planMode, Reports.ACTIVATIONS_PER_DAY, "'2026-11-01T00:00'", "'2026-11-30T00:00'"))
                .contains("activation_day_counts_pkey").doesNotContain("licenses", "Seq Scan");
        // the console's charts
        assertThat(plan(planMode, Reports.SIGN_UPS_PER_DAY, "'2026-11-01T00:00'", "'2026-11-30T00:00'"))
                .contains("users_created_at_idx").doesNotContain("Seq Scan on users");
        // a handful of maintained counts (license.seat_counts), never the licenses themselves
        assertThat(plan(planMode, Reports.SEATS_PER_PLAN, "'{free,pro,enterprise}'"))
                .contains("seat_counts").doesNotContain("licenses", "users");
    }

    @ParameterizedTest
    @ValueSource(strings = {"force_custom_plan", "force_generic_plan"})
    void users(String planMode) throws SQLException {
        String page = Reports.USERS + Reports.USERS_BELOW + Reports.USERS_AFTER + Reports.USERS_ORDER;
        assertThat(plan(planMode, page, "'user1'", "'user2'", "'user1000@x'", "51"))
                .contains("users_email_key_c_idx").doesNotContain("Sort");
        assertThat(plan(planMode, Reports.USERS + Reports.USERS_ORDER, "''", "51"))
                .contains("users_email_key_c_idx").doesNotContain("Sort");
        assertThat(plan(planMode, Reports.USER_DETAIL, USER))
                .contains("users_pkey", "subscriptions_user_id_key", "licenses_user_status_idx")
                .doesNotContain("Seq Scan");
    }

    @ParameterizedTest
    @ValueSource(strings = {"force_custom_plan", "force_generic_plan"})
    void auditLog(String planMode) throws SQLException {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        AuditLogQuery.After after = new AuditLogQuery.After(now, UUID.randomUUID());
        record Case(AuditLogQuery.Filter filter, String index) {
        }
        List<Case> cases = List.of(
                new Case(new AuditLogQuery.Filter(null, null, null, null, null), "audit_log_occurred_at_id_idx"),
                new Case(new AuditLogQuery.Filter(UUID.randomUUID(), null, null, null, null), "audit_log_actor_idx"),
                new Case(new AuditLogQuery.Filter(null, "LICENSE_CREATED", null, null, null), "audit_log_action_id_idx"),
                new Case(new AuditLogQuery.Filter(null, null, "s-1", null, null), "audit_log_subject_id_idx"),
                new Case(new AuditLogQuery.Filter(null, null, null, now.minusSeconds(86400), now), "audit_log_occurred_at_id_idx"));
        for (Case each : cases) {
            for (AuditLogQuery.After cursor : new AuditLogQuery.After[] {null, after}) {
                for (int limit : new int[] {51, 0}) {
                    AuditLogQuery.Statement statement = AuditLogQuery.statement(each.filter(), cursor, limit);
                    String plan = plan(planMode, statement.sql(), literals(statement.values()));
                    assertThat(plan).as(statement.sql()).contains(each.index()).doesNotContain("Seq Scan");
                    assertThat(plan).as("newest first straight from the index: " + statement.sql())
                            .doesNotContain("Sort");
                }
            }
        }
    }

    @Test
    void theRetentionPurge_findsOldEntriesByIndex() throws SQLException {
        assertThat(plan("force_custom_plan", "SELECT count(*) FROM admin.audit_log WHERE occurred_at < ?", NOW))
                .contains("audit_log_occurred_at_id_idx");
    }

    private static String[] literals(List<Object> values) {
        List<String> literals = new ArrayList<>();
        for (Object value : values) {
            literals.add(value instanceof Number ? value.toString() : "'" + value + "'");
        }
        return literals.toArray(String[]::new);
    }

    /** The plan of the query with its {@code ?} parameters bound to the given SQL literals. */
    private String plan(String planMode, String query, String... values) throws SQLException {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char c : query.toCharArray()) {
            numbered.append(c == '?' ? "$" + ++n : String.valueOf(c));
        }
        assertThat(n).as("parameters of " + query).isEqualTo(values.length);
        try (Connection connection = runtimeRole.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                // what paths exist, not which one a tiny table favours: a sort stays only when no index gives the order
                sql.execute("SET LOCAL enable_seqscan = off");
                sql.execute("SET LOCAL enable_bitmapscan = off");
                sql.execute("SET LOCAL enable_sort = off");
                sql.execute("SET LOCAL plan_cache_mode = " + planMode);
                sql.execute("PREPARE reporting_query AS " + numbered);
                String execute = values.length == 0 ? "" : "(" + String.join(", ", values) + ")";
                StringBuilder plan = new StringBuilder();
                try (ResultSet row = sql.executeQuery("EXPLAIN EXECUTE reporting_query" + execute)) {
                    while (row.next()) {
                        plan.append(row.getString(1)).append('\n');
                    }
                }
                LOG.debugf("%s %s%n%s", planMode, query, plan);
                return plan.toString();
            } finally {
                connection.rollback();
                sql.execute("DEALLOCATE ALL");
                connection.setAutoCommit(true);
            }
        }
    }
}
