package io.hybridlicense.auth.apikey;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A stored API key: never its secret, only the secret's SHA-256. */
@Entity
@Table(schema = "auth", name = "api_keys")
class ApiKeyEntity extends PanacheEntityBase {

    static final String ADMIN = "admin";
    static final String USER = "user";

    @Id
    UUID id;
    @Column(name = "owner_id", nullable = false)
    UUID ownerId;
    @Column(nullable = false)
    String kind;
    @Column(nullable = false)
    String name;
    @Column(nullable = false)
    String prefix;
    @Column(name = "secret_hash", nullable = false)
    byte[] secretHash;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    String[] scopes;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "created_by", nullable = false)
    UUID createdBy;
    @Column(name = "expires_at")
    Instant expiresAt;
    @Column(name = "revoked_at")
    Instant revokedAt;
    /** Written in batches by {@link ApiKeyUsage}, never through the entity. */
    @Column(name = "last_used_at", insertable = false, updatable = false)
    Instant lastUsedAt;

    boolean backOffice() {
        return ADMIN.equals(kind);
    }

    /** A user's own keys, or every back-office key ({@code ownerId} ignored), newest first. */
    static List<ApiKeyEntity> listed(UUID ownerId, boolean backOffice) {
        return backOffice
                ? list("kind = ?1 order by createdAt desc, id", ADMIN)
                : list("kind = ?1 and ownerId = ?2 order by createdAt desc, id", USER, ownerId);
    }

    /** Keys not revoked that the owner holds of that kind (for the per-owner limit). */
    static long activeOf(UUID ownerId, String kind) {
        return count("ownerId = ?1 and kind = ?2 and revokedAt is null", ownerId, kind);
    }
}
