package io.hybridlicense.admin.audit;

import io.hybridlicense.schemasync.api.DataSourceDeleted;
import io.hybridlicense.schemasync.api.DataSourceRegistered;
import io.hybridlicense.schemasync.api.SchemaChangeConfirmed;
import io.hybridlicense.schemasync.api.SchemaChangeRejected;
import io.hybridlicense.schemasync.api.SchemaChangeRequested;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;

/**
 * Audits schemasync: observes its {@code api} events synchronously, so each entry is written in the
 * transaction of the change it records (and rolls back with it).
 */
@ApplicationScoped
class SchemaSyncAuditRecorder {

    private static final String MODULE = "schemasync";

    private final AuditTrail trail;

    SchemaSyncAuditRecorder(AuditTrail trail) {
        this.trail = trail;
    }

    void requested(@Observes SchemaChangeRequested e) {
        trail.record(new AuditTrail.Entry("SCHEMA_CHANGE_REQUESTED", MODULE, "table", e.tableId().toString(), e.actorId(),
                details(e.datasourceId(), e.version(), e.change(), "table", e.table())));
    }

    void confirmed(@Observes SchemaChangeConfirmed e) {
        trail.record(new AuditTrail.Entry("SCHEMA_CHANGE_CONFIRMED", MODULE, "table", e.tableId().toString(), null,
                details(e.datasourceId(), e.version(), e.change(), "alreadyApplied", e.alreadyApplied())));
    }

    void rejected(@Observes SchemaChangeRejected e) {
        Map<String, Object> details = details(e.datasourceId(), e.version(), e.change(), "reason", e.reason());
        details.put("detail", e.detail());
        trail.record(new AuditTrail.Entry("SCHEMA_CHANGE_REJECTED", MODULE, "table", e.tableId().toString(), null, details));
    }

    void registered(@Observes DataSourceRegistered e) {
        trail.record(new AuditTrail.Entry("DATASOURCE_REGISTERED", MODULE, "datasource", e.datasourceId().toString(),
                e.actorId(), Map.of("ownerId", e.ownerId(), "name", e.name(), "kind", e.kind())));
    }

    void deleted(@Observes DataSourceDeleted e) {
        trail.record(new AuditTrail.Entry("DATASOURCE_DELETED", MODULE, "datasource", e.datasourceId().toString(),
                e.actorId(), Map.of("ownerId", e.ownerId())));
    }

    private static Map<String, Object> details(Object datasourceId, int version, String change, String key, Object value) {
        Map<String, Object> details = new HashMap<>();
        details.put("datasourceId", datasourceId.toString());
        details.put("version", version);
        details.put("change", change);
        details.put(key, value);
        return details;
    }
}
