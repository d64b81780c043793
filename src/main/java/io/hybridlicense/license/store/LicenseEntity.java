package io.hybridlicense.license.store;

import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.license.api.LicenseView;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A license row. Dynamic updates, so that a status change never writes back a stale
 * {@code last_validated_at} (which validation's {@code ValidationRecorder} updates without touching the version).
 */
@Entity
@DynamicUpdate
@Table(schema = "license", name = "licenses")
public class LicenseEntity extends PanacheEntityBase {

    public static final String LIVE_CLIENT_ID_UNIQUE = "licenses_live_client_id_key";
    public static final List<LicenseStatus> LIVE = List.of(LicenseStatus.ACTIVE, LicenseStatus.SUSPENDED);

    @Id
    public UUID id;
    @Column(name = "user_id", nullable = false)
    public UUID userId;
    @Column(name = "client_id", nullable = false)
    public String clientId;
    @Convert(converter = LicenseStatusColumn.class)
    @Column(nullable = false)
    public LicenseStatus status;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "last_validated_at")
    public Instant lastValidatedAt;
    @Version
    public long version;

    /** Uses the partial unique index on live client ids. */
    public static Optional<LicenseEntity> findLiveByClientId(String clientId) {
        return find("clientId = ?1 and status in ?2", clientId, LIVE).firstResultOptional();
    }

    /** Seats in use; uses the (user_id, status) index. */
    public static long countLive(UUID userId) {
        return count("userId = ?1 and status in ?2", userId, LIVE);
    }

    public static List<LicenseEntity> listOf(UUID userId) {
        return list("userId = ?1 order by case when status = ?2 then 0 else 1 end, createdAt desc, id",
                userId, LicenseStatus.ACTIVE);
    }

    public LicenseView toView() {
        return new LicenseView(id, userId, clientId, status, createdAt, expiresAt, updatedAt, lastValidatedAt, version);
    }
}
