package io.hybridlicense.admin.audit;

import io.hybridlicense.admin.api.AdminApi;
import io.hybridlicense.admin.api.AuditEntryView;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hybridlicense.shared.Clock;
import io.hybridlicense.shared.Jdbc;
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
    private final Jdbc jdbc;
    private final ObjectMapper json;

    AuditTrail(Clock clock, Jdbc jdbc, ObjectMapper json) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.json = json;
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

    /**
     * Many entries in one statement (a batch job's changes), all at one time; the caller's transaction as
     * {@link #record}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        String[] actions = new String[entries.size()];
        String[] modules = new String[entries.size()];
        String[] subjectTypes = new String[entries.size()];
        String[] subjectIds = new String[entries.size()];
        String[] actorIds = new String[entries.size()];
        String[] details = new String[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            actions[i] = entry.action();
            modules[i] = entry.module();
            subjectTypes[i] = entry.subjectType();
            subjectIds[i] = entry.subjectId();
            actorIds[i] = entry.actorId();
            details[i] = detailsJson(entry.details());
        }
        jdbc.update("""
                INSERT INTO admin.audit_log (id, occurred_at, action, module, subject_type, subject_id, actor_id, details)
                SELECT gen_random_uuid(), ?, e.action, e.module, e.subject_type, e.subject_id, e.actor_id, e.details::jsonb
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                     AS e(action, module, subject_type, subject_id, actor_id, details)""",
                clock.now(), actions, modules, subjectTypes, subjectIds, actorIds, details);
    }

    private String detailsJson(Map<String, Object> details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write an audit entry's details", e);
        }
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEntryView> auditTrailOf(String subjectType, String subjectId) {
        return AuditEntryEntity.<AuditEntryEntity>find(
                        "subjectType = ?1 and subjectId = ?2 order by occurredAt, id", subjectType, subjectId)
                .stream().map(AuditEntryEntity::toView).toList();
    }
}
