package io.hybridlicense.license;

import io.hybridlicense.license.store.LicenseEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

/** Counts audit rows by what they say, for the "no orphan audit rows" checks. */
final class AuditRows {

    private AuditRows() {
    }

    static long licenseCreatedFor(EntityManager em, String clientId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "SELECT count(*) FROM admin.audit_log WHERE action = 'LICENSE_CREATED' AND details->>'clientId' = ?1")
                .setParameter(1, clientId).getSingleResult()).longValue());
    }

    static long licensesWithClientId(String clientId) {
        return QuarkusTransaction.requiringNew().call(() -> LicenseEntity.count("clientId", clientId));
    }
}
