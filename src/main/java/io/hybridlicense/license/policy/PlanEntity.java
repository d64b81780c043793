package io.hybridlicense.license.policy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A plan: a code users are on, naming the policy their licenses live by. */
@Entity
@Table(schema = "license", name = "plans")
class PlanEntity extends PanacheEntityBase {

    @Id
    String code;
    @Column(name = "policy_id", nullable = false)
    UUID policyId;
    @Column(name = "is_default", nullable = false)
    boolean isDefault;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Version
    long version;
}
