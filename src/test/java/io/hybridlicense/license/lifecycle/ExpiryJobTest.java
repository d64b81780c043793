package io.hybridlicense.license.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridlicense.admin.api.AdminApi;
import io.hybridlicense.admin.api.AuditEntryView;
import io.hybridlicense.license.PolicyFixtures;
import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.license.store.LicenseEntity;
import io.hybridlicense.testing.Concurrently;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.Activated;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExpiryJobTest {

    @Inject
    ExpiryJob expiry;
    @Inject
    AdminApi audit;

    @Test
    void expiry_marksLicensesPastTheirExpiry_audited_andLeavesOthersAlone() {
        TestUser user = Users.aUser().withPlan("pro").register();
        Activated due = user.activated();
        Activated notDue = user.activated();
        backdate(due);

        expiry.expireDue();

        assertThat(statusOf(due)).isEqualTo(LicenseStatus.EXPIRED);
        assertThat(statusOf(notDue)).isEqualTo(LicenseStatus.ACTIVE);
        List<AuditEntryView> trail = audit.auditTrailOf("license", due.licenseId().toString());
        assertThat(trail).extracting(AuditEntryView::action).containsExactly("LICENSE_CREATED", "LICENSE_EXPIRED");
        assertThat(trail.get(1).actorId()).isNull();
    }

    @Test
    void expiry_runByTwoInstancesAtOnce_expiresEachLicenseOnce() throws Exception {
        TestUser user = Users.aUser().withPlan("enterprise").register();
        List<Activated> due = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Activated license = user.activated();
            backdate(license);
            due.add(license);
        }

        Concurrently.run(3, i -> expiry.expireDue());

        for (Activated license : due) {
            assertThat(statusOf(license)).isEqualTo(LicenseStatus.EXPIRED);
            assertThat(audit.auditTrailOf("license", license.licenseId().toString()))
                    .extracting(AuditEntryView::action).containsExactly("LICENSE_CREATED", "LICENSE_EXPIRED");
        }
    }

    @Test
    void expiry_leavesLicensesInTheirPolicysGrace_andExpiresThemAfterIt() {
        String admin = PolicyFixtures.admin();
        UUID policyId = PolicyFixtures.policy(admin, PolicyFixtures.terms(3, "PT1H", List.of()));
        TestUser user = Users.aUser().withPlan(PolicyFixtures.plan(admin, policyId)).register();
        Activated inGrace = user.activated();
        Activated pastGrace = user.activated();
        setExpiry(inGrace, Instant.now().minusSeconds(600));
        setExpiry(pastGrace, Instant.now().minusSeconds(3700));

        expiry.expireDue();

        assertThat(statusOf(inGrace)).isEqualTo(LicenseStatus.ACTIVE);
        assertThat(statusOf(pastGrace)).isEqualTo(LicenseStatus.EXPIRED);
    }

    private static void setExpiry(Activated license, Instant expiresAt) {
        QuarkusTransaction.requiringNew().run(() -> LicenseEntity.update("expiresAt = ?1 where id = ?2", expiresAt, license.licenseId()));
    }

    private static void backdate(Activated license) {
        QuarkusTransaction.requiringNew().run(() -> LicenseEntity.update(
                "expiresAt = ?1 where id = ?2", Instant.now().minusSeconds(1), license.licenseId()));
    }

    private static LicenseStatus statusOf(Activated license) {
        return QuarkusTransaction.requiringNew().call(() -> LicenseEntity.<LicenseEntity>findById(license.licenseId()).status);
    }
}
