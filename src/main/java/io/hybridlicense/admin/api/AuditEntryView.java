package io.hybridlicense.admin.api;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of the audit trail.
 *
 * @param action      what happened, in upper snake case ({@code LICENSE_CREATED})
 * @param module      the module whose change it records
 * @param subjectType the kind of thing changed ({@code license}, {@code user}, {@code table})
 * @param subjectId   the id of the thing changed
 * @param actorId     the user who caused it, or {@code null} for the system (scheduled jobs)
 * @param details     event-specific facts, never secrets
 */
public record AuditEntryView(UUID id, Instant occurredAt, String action, String module, String subjectType,
                             String subjectId, String actorId, Map<String, Object> details) {
}
