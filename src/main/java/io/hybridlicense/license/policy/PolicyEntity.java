package io.hybridlicense.license.policy;

import io.hybridlicense.license.domain.Policy;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** A policy row; a change of its entitlements raises its version like a change of a column. */
@Entity
@Table(schema = "license", name = "policies")
class PolicyEntity extends PanacheEntityBase {

    @Id
    UUID id;
    @Column(nullable = false)
    String name;
    @Column(name = "max_seats", nullable = false)
    int maxSeats;
    @Column(name = "duration_seconds", nullable = false)
    long durationSeconds;
    @Column(name = "expiry_grace_seconds", nullable = false)
    long expiryGraceSeconds;
    @Column(name = "offline_ttl_seconds", nullable = false)
    long offlineTtlSeconds;
    @Column(name = "heartbeat_interval_seconds")
    Long heartbeatIntervalSeconds;
    @Column(name = "heartbeat_grace_seconds")
    Long heartbeatGraceSeconds;
    @Column(name = "cull_after_seconds")
    Long cullAfterSeconds;
    @Column(name = "resurrect_within_seconds")
    Long resurrectWithinSeconds;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(schema = "license", name = "policy_entitlements", joinColumns = @JoinColumn(name = "policy_id"))
    @Column(name = "code", nullable = false)
    Set<String> entitlements = new TreeSet<>();
    @Version
    long version;

    Policy toPolicy() {
        Policy.Heartbeat heartbeat = Policy.Heartbeat.ofSeconds(heartbeatIntervalSeconds, heartbeatGraceSeconds,
                cullAfterSeconds, resurrectWithinSeconds);
        return new Policy(id, name, maxSeats, Duration.ofSeconds(durationSeconds), Duration.ofSeconds(expiryGraceSeconds),
                Duration.ofSeconds(offlineTtlSeconds), heartbeat, new TreeSet<>(entitlements), version);
    }
}
