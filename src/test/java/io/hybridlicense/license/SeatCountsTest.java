package io.hybridlicense.license;

import static io.hybridlicense.license.MaintainedCounts.assertExact;
import static io.hybridlicense.license.MaintainedCounts.setStatus;
import static io.hybridlicense.license.MaintainedCounts.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.Activated;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The seats per plan that license's triggers keep stay exact when a plan change and a license change of
 * the same owner overlap, in either order: each waits for the other's commit (the license change reads
 * the plan FOR SHARE) instead of both counting the same seat under different plans. Driven in SQL, as
 * the migration owner, so that the interleaving is the one named, not one the scheduler happens to pick.
 */
@QuarkusTest
class SeatCountsTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.flyway.username")
    String owner;
    @ConfigProperty(name = "quarkus.flyway.password")
    String ownerPassword;

    @Test
    void aLicenseChange_thenAPlanChangeBeforeItCommits() throws Exception {
        TestUser user = Users.aUser().withPlan("pro").register();
        Activated license = user.activated();
        user.activated();
        try (Connection changingLicense = asOwner(); Connection changingPlan = asOwner()) {
            changingLicense.setAutoCommit(false);
            setStatus(changingLicense, license.licenseId(), "revoked");

            int pid = pid(changingPlan);
            CompletableFuture<Void> planChange = CompletableFuture.runAsync(() -> setPlan(changingPlan, user.userId(), "enterprise"));
            awaitWaitingOrDone(pid, planChange);
            changingLicense.commit();
            planChange.get(30, TimeUnit.SECONDS);

            assertExact(changingLicense);
        }
    }

    @Test
    void aPlanChange_thenALicenseChangeBeforeItCommits() throws Exception {
        TestUser user = Users.aUser().withPlan("pro").register();
        Activated license = user.activated();
        user.activated();
        try (Connection changingPlan = asOwner(); Connection changingLicense = asOwner()) {
            changingPlan.setAutoCommit(false);
            setPlan(changingPlan, user.userId(), "enterprise");

            int pid = pid(changingLicense);
            CompletableFuture<Void> licenseChange = CompletableFuture.runAsync(() -> {
                try {
                    setStatus(changingLicense, license.licenseId(), "deactivated");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitWaitingOrDone(pid, licenseChange);
            changingPlan.commit();
            licenseChange.get(30, TimeUnit.SECONDS);

            assertExact(changingPlan);
        }
    }

    @Test
    void aNewSubscription_countsTheLiveLicensesItsOwnerAlreadyHas_andADeletedOneRemovesThem() throws Exception {
        TestUser user = Users.aUser().withPlan("pro").register();
        user.activated();
        user.activated();
        try (Connection connection = asOwner();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM license.subscriptions WHERE user_id = ?")) {
            delete.setObject(1, user.userId());
            assertThat(delete.executeUpdate()).isOne();
            assertExact(connection);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO license.subscriptions (id, user_id, plan, status, started_at, renews_at)
                    VALUES (gen_random_uuid(), ?, 'pro', 'active', now(), now() + interval '30 days')""")) {
                insert.setObject(1, user.userId());
                insert.executeUpdate();
            }
            assertExact(connection);
        }
    }

    /** Until the other connection waits for a lock, or (were the triggers to take none) has finished. */
    private void awaitWaitingOrDone(int pid, CompletableFuture<Void> work) throws Exception {
        try (Connection observer = asOwner()) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (!work.isDone()
                    && single(observer, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid + " AND wait_event_type = 'Lock'") == 0) {
                assertThat(Instant.now()).as("the other transaction neither waits nor ends").isBefore(deadline);
                Thread.sleep(20);
            }
        }
    }

    private static int pid(Connection connection) throws SQLException {
        return (int) single(connection, "SELECT pg_backend_pid()");
    }

    /** As the application changes a plan: the subscription's and the account's, in one transaction. */
    private static void setPlan(Connection connection, UUID user, String plan) {
        try (PreparedStatement subscription = connection.prepareStatement("UPDATE license.subscriptions SET plan = ? WHERE user_id = ?");
             PreparedStatement account = connection.prepareStatement("UPDATE auth.users SET plan = ? WHERE id = ?")) {
            for (PreparedStatement update : new PreparedStatement[] {subscription, account}) {
                update.setString(1, plan);
                update.setObject(2, user);
                assertThat(update.executeUpdate()).isOne();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection asOwner() throws SQLException {
        return MaintainedCounts.asOwner(url, owner, ownerPassword);
    }
}
