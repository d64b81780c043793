package io.hybridlicense.admin.audit;

import io.hybridlicense.admin.api.AuditEntryView;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Immutable
@Table(schema = "admin", name = "audit_log")
class AuditEntryEntity extends PanacheEntityBase {

    @Id
    UUID id;
    @Column(name = "occurred_at", nullable = false)
    Instant occurredAt;
    @Column(nullable = false)
    String action;
    @Column(nullable = false)
    String module;
    @Column(name = "subject_type", nullable = false)
    String subjectType;
    @Column(name = "subject_id", nullable = false)
    String subjectId;
    @Column(name = "actor_id")
    String actorId;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    Map<String, Object> details;

    AuditEntryView toView() {
        return new AuditEntryView(id, occurredAt, action, module, subjectType, subjectId, actorId, details);
    }
}
