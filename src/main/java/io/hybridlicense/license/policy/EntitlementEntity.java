package io.hybridlicense.license.policy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A code of the entitlement catalogue. */
@Entity
@Table(schema = "license", name = "entitlements")
class EntitlementEntity extends PanacheEntityBase {

    @Id
    String code;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
}
