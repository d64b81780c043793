package io.hybridlicense.license.store;

import static io.hybridlicense.license.MaintainedCounts.assertExact;
import static io.hybridlicense.license.MaintainedCounts.counts;
import static io.hybridlicense.license.MaintainedCounts.setStatus;
import static io.hybridlicense.license.MaintainedCounts.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.hybridlicense.license.MaintainedCounts;
import io.hybridlicense.testing.Concurrently;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.Activated;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The counts the triggers keep for admin's reports (licenses per status, seats per plan, activations per
 * UTC day) are written one row per database backend; the compaction folds them into one row per status,
 * plan and day, keeps every sum, and never waits for a transaction that is changing a license.
 */
@QuarkusTest
class CountsCompactionTest {

    private static final String UNFOLDED_ROWS = """
            SELECT (SELECT count(*) FROM license.license_status_counts WHERE backend <> 0)
                 + (SELECT count(*) FROM license.seat_counts WHERE backend <> 0)
                 + (SELECT count(*) FROM license.activation_day_counts WHERE backend <> 0)""";

    @Inject
    CountsCompactionJob job;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.flyway.username")
    String owner;
    @ConfigProperty(name = "quarkus.flyway.password")
    String ownerPassword;
    @ConfigProperty(name = "quarkus.datasource.username")
    String runtimeRole;

    @Test
    void foldsTheRowsOfEveryBackend_intoOnePerStatusPlanAndDay_keepingEverySum() throws Exception {
        List<TestUser> users = Concurrently.run(3, i -> Users.aUser().withPlan("pro").register());
        Concurrently.run(6, i -> users.get(i % 3).activated());
        try (Connection connection = asOwner()) {
            assertThat(single(connection, UNFOLDED_ROWS)).as("concurrent activations wrote per-backend rows").isPositive();
            Map<String, Long> before = counts(connection);
            assertExact(before);

            job.compact();

            assertThat(single(connection, UNFOLDED_ROWS)).isZero();
            assertThat(counts(connection)).isEqualTo(before);
        }
    }

    @Test
    void skipsTheRowsOfATransactionInProgress_insteadOfWaitingForIt() throws Exception {
        TestUser user = Users.aUser().withPlan("pro").register();
        List<Activated> licenses = List.of(user.activated(), user.activated(), user.activated());
        try (Connection changing = asOwner(); Connection compacting = asOwner()) {
            int backend = (int) single(changing, "SELECT pg_backend_pid()");
            setStatus(changing, licenses.get(0).licenseId(), "suspended");
            setStatus(changing, licenses.get(1).licenseId(), "deactivated");
            activate(changing, user);
            changing.setAutoCommit(false);
            // locks this backend's rows of 'active', 'suspended' and 'revoked', of the plan's seats and of today
            setStatus(changing, licenses.get(0).licenseId(), "active");
            setStatus(changing, licenses.get(2).licenseId(), "revoked");
            activate(changing, user);
            try (Statement sql = compacting.createStatement()) {
                // a compaction that waited for the open transaction would fail here instead of passing
                sql.execute("SET lock_timeout = '20s'");
                sql.execute("SELECT license.compact_counts()");
            }
            changing.commit();

            assertThat(single(compacting, "SELECT count(*) FROM license.license_status_counts WHERE backend = " + backend))
                    .as("left for the next compaction").isPositive();
            assertThat(single(compacting, "SELECT count(*) FROM license.seat_counts WHERE backend = " + backend))
                    .as("left for the next compaction").isPositive();
            assertThat(single(compacting, "SELECT count(*) FROM license.activation_day_counts WHERE backend = " + backend))
                    .as("left for the next compaction").isPositive();
            assertExact(counts(compacting));
            job.compact();
            assertThat(single(compacting, UNFOLDED_ROWS)).isZero();
            assertExact(counts(compacting));
        }
    }

    @Test
    void theCompaction_isTheOwnersSecurityDefinerFunction_thatOnlyTheRuntimeRoleMayRun() throws SQLException {
        try (Connection connection = asOwner(); PreparedStatement query = connection.prepareStatement("""
                SELECT pg_get_userbyid(p.proowner) = current_user AS owned_by_the_owner, p.prosecdef,
                       p.proconfig::text AS config,
                       has_function_privilege('public', p.oid, 'EXECUTE') AS public_may_execute,
                       has_function_privilege('public', 'license.fold_counts(text, text)', 'EXECUTE')
                           OR has_function_privilege(?, 'license.fold_counts(text, text)', 'EXECUTE') AS others_may_fold
                FROM pg_proc p WHERE p.oid = 'license.compact_counts()'::regprocedure""")) {
            query.setString(1, runtimeRole);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getBoolean("owned_by_the_owner")).isTrue();
                assertThat(row.getBoolean("prosecdef")).isTrue();
                assertThat(row.getString("config")).contains("search_path=pg_catalog, pg_temp");
                assertThat(row.getBoolean("public_may_execute")).isFalse();
                assertThat(row.getBoolean("others_may_fold")).as("the fold runs only inside the compaction").isFalse();
            }
        }
        job.compact(); // as the runtime role
    }

    /** A license row as activation writes it, created now. */
    private static void activate(Connection connection, TestUser user) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO license.licenses (id, user_id, client_id, status, created_at, expires_at, updated_at)
                VALUES (gen_random_uuid(), ?, 'client-' || gen_random_uuid(), 'active', now(), now() + interval '1 year', now())""")) {
            insert.setObject(1, user.userId());
            assertThat(insert.executeUpdate()).isOne();
        }
    }

    private Connection asOwner() throws SQLException {
        return MaintainedCounts.asOwner(url, owner, ownerPassword);
    }
}
