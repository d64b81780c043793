package io.hybridlicense.admin.audit;

import io.hybridlicense.admin.api.AdminApi;
import io.hybridlicense.admin.api.AuditEntryView;
import io.hybridlicense.shared.Clock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes and reads the append-only audit log. Writing requires the caller's transaction
 * ({@code MANDATORY}): an entry exists if and only if the change it records committed.
 */
@ApplicationScoped
class AuditTrail implements AdminApi {

    private final Clock clock;

    AuditTrail(Clock clock) {
        this.clock = clock;
    }

    /** One audited change; {@code actorId} is {@code null} for the system. */
    record Entry(String action, String module, String subjectType, String subjectId, String actorId,
                 Map<String, Object> details) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void record(Entry entry) {
        AuditEntryEntity row = new AuditEntryEntity();
        row.id = UUID.randomUUID();
        row.occurredAt = clock.now();
        row.action = entry.action();
        row.module = entry.module();
        row.subjectType = entry.subjectType();
        row.subjectId = entry.subjectId();
        row.actorId = entry.actorId();
        row.details = entry.details();
        row.persist();
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEntryView> auditTrailOf(String subjectType, String subjectId) {
        return AuditEntryEntity.<AuditEntryEntity>find(
                        "subjectType = ?1 and subjectId = ?2 order by occurredAt, id", subjectType, subjectId)
                .stream().map(AuditEntryEntity::toView).toList();
    }
}
