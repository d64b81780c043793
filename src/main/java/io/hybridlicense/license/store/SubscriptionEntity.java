package io.hybridlicense.license.store;

import io.hybridlicense.auth.api.Plan;
import io.hybridlicense.auth.api.PlanColumn;
import io.hybridlicense.license.api.SubscriptionView;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@Entity
@Table(schema = "license", name = "subscriptions")
public class SubscriptionEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "user_id", nullable = false)
    public UUID userId;
    @Convert(converter = PlanColumn.class)
    @Column(nullable = false)
    public Plan plan;
    @Column(nullable = false)
    public String status;
    @Column(name = "started_at", nullable = false)
    public Instant startedAt;
    @Column(name = "renews_at", nullable = false)
    public Instant renewsAt;
    @Version
    public long version;

    public static Optional<SubscriptionEntity> findOf(UUID userId) {
        return find("userId", userId).firstResultOptional();
    }

    /**
     * {@code SELECT … FOR UPDATE} on the user's subscription: every activation and plan change of one
     * user takes this lock first, so that counting seats and inserting a license cannot interleave.
     */
    public static Optional<SubscriptionEntity> lockOf(UUID userId) {
        return find("userId", userId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public SubscriptionView toView() {
        return new SubscriptionView(id, userId, plan, status, startedAt, renewsAt);
    }
}
