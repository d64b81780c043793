package io.hybridlicense.license.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.hybridlicense.admin.api.AdminApi;
import io.hybridlicense.admin.api.AuditEntryView;
import io.hybridlicense.license.store.SubscriptionEntity;
import io.hybridlicense.testing.Users;
import io.hybridlicense.testing.Users.TestUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RenewalJobTest {

    @Inject
    RenewalJob renewal;
    @Inject
    AdminApi audit;

    @Test
    void renewal_movesADueSubscriptionOnByOnePeriod() {
        TestUser user = Users.aUser().register();
        Instant dueAt = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        QuarkusTransaction.requiringNew().run(() -> SubscriptionEntity.update("renewsAt = ?1 where userId = ?2", dueAt, user.userId()));

        renewal.renewDue();

        SubscriptionEntity renewed = QuarkusTransaction.requiringNew().call(() -> SubscriptionEntity.findOf(user.userId()).orElseThrow());
        assertThat(renewed.renewsAt).isEqualTo(dueAt.plus(Duration.ofDays(30)));
        assertThat(renewed.status).isEqualTo("active");
        assertThat(audit.auditTrailOf("subscription", renewed.id.toString())).extracting(AuditEntryView::action)
                .containsExactly("SUBSCRIPTION_STARTED", "SUBSCRIPTION_RENEWED");
    }
}
