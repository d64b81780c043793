package io.hybridlicense.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionalException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditTrailTest {

    @Inject
    AuditTrail auditTrail;
    @Inject
    EntityManager entityManager;

    @Test
    void recordsAnEntryOnlyWhenItsTransactionCommits() {
        String committed = UUID.randomUUID().toString();
        String rolledBack = UUID.randomUUID().toString();

        QuarkusTransaction.requiringNew().run(() -> auditTrail.record(entry(committed)));
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            auditTrail.record(entry(rolledBack));
            throw new IllegalStateException("the change this entry records failed");
        })).hasMessageContaining("the change this entry records failed");

        assertThat(auditTrail.auditTrailOf("probe", committed))
                .singleElement()
                .satisfies(view -> {
                    assertThat(view.action()).isEqualTo("PROBE_CHANGED");
                    assertThat(view.details()).containsEntry("reason", "test");
                });
        assertThat(auditTrail.auditTrailOf("probe", rolledBack)).isEmpty();
    }

    @Test
    void refusesToRecordOutsideTheCallersTransaction() {
        assertThatThrownBy(() -> auditTrail.record(entry(UUID.randomUUID().toString())))
                .isInstanceOf(TransactionalException.class);
    }

    @Test
    void isAppendOnly_theRuntimeRoleMayNotUpdateOrDelete() {
        String subject = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> auditTrail.record(entry(subject)));

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("UPDATE admin.audit_log SET action = 'FORGED' WHERE subject_id = :id")
                .setParameter("id", subject).executeUpdate()))
                .hasStackTraceContaining("permission denied");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("DELETE FROM admin.audit_log WHERE subject_id = :id")
                .setParameter("id", subject).executeUpdate()))
                .hasStackTraceContaining("permission denied");

        assertThat(auditTrail.auditTrailOf("probe", subject)).singleElement()
                .extracting(view -> view.action()).isEqualTo("PROBE_CHANGED");
    }

    private static AuditTrail.Entry entry(String subjectId) {
        return new AuditTrail.Entry("PROBE_CHANGED", "test", "probe", subjectId, null, Map.of("reason", "test"));
    }
}
