package io.hybridlicense.license.activation;

import io.hybridlicense.auth.api.AuthApi;
import io.hybridlicense.auth.api.Plan;
import io.hybridlicense.auth.api.UserView;
import io.hybridlicense.license.LicenseConfig;
import io.hybridlicense.license.LicenseTokens;
import io.hybridlicense.license.api.LicenseActivated;
import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.license.api.LicenseView;
import io.hybridlicense.license.domain.Policy;
import io.hybridlicense.license.domain.SeatPolicy;
import io.hybridlicense.license.policy.Entitlements;
import io.hybridlicense.license.policy.Policies;
import io.hybridlicense.license.offline.FileSecrets;
import io.hybridlicense.license.store.LicenseEntity;
import io.hybridlicense.license.store.SubscriptionEntity;
import io.hybridlicense.shared.Clock;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import io.hybridlicense.shared.UniqueViolation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * Activation: first the credentials, outside any transaction (password hashing is slow and must not
 * hold a pooled connection); then, in one transaction, the seat limit under the user's subscription
 * lock, the license row, and (through {@link LicenseActivated}) the audit entry. Any failure there
 * rolls all of it back.
 */
@ApplicationScoped
public class ActivateLicense {

    /**
     * The license and its token; {@code created} is false for an idempotent re-activation. {@code fileSecret}
     * (encrypted license files) is given once, when the license is created, and null otherwise.
     */
    public record Activation(LicenseView license, String token, boolean created, String fileSecret) {
    }

    private final AuthApi auth;
    private final LicenseTokens tokens;
    private final LicenseConfig config;
    private final Clock clock;
    private final Event<LicenseActivated> activated;
    private final Policies policies;
    private final Entitlements entitlements;
    private final FileSecrets fileSecrets;

    ActivateLicense(AuthApi auth, LicenseTokens tokens, LicenseConfig config, Clock clock, Event<LicenseActivated> activated,
                    Policies policies, Entitlements entitlements, FileSecrets fileSecrets) {
        this.policies = policies;
        this.entitlements = entitlements;
        this.fileSecrets = fileSecrets;
        this.auth = auth;
        this.tokens = tokens;
        this.config = config;
        this.clock = clock;
        this.activated = activated;
    }

    @Transactional(Transactional.TxType.NEVER)
    public Activation activate(ActivateLicenseCommand command) {
        UserView user = auth.authenticate(command.email(), command.password(), command.clientAddress());
        return QuarkusTransaction.requiringNew().call(() -> activateFor(user, command));
    }

    private Activation activateFor(UserView user, ActivateLicenseCommand command) {
        SubscriptionEntity subscription = SubscriptionEntity.lockOf(user.userId())
                .orElseThrow(() -> new IllegalStateException("User " + user.userId() + " has no subscription"));
        Plan plan = subscription.plan;
        // FOR SHARE: an admin lowering this policy's seats waits for this activation, or it for the edit
        Policy policy = policies.lockedOf(plan);
        var existing = LicenseEntity.findLiveByClientId(command.clientId());
        if (existing.isPresent()) {
            if (!existing.get().userId.equals(user.userId())) {
                throw clientIdTaken();
            }
            LicenseView license = existing.get().toView();
            return new Activation(license, tokens.issue(license, plan,
                    policy.effectiveEntitlements(entitlements.grantedTo(license.licenseId()))), false, null);
        }
        int seats = policy.seats();
        if (!SeatPolicy.allowsAnother(seats, LicenseEntity.countLive(user.userId()))) {
            throw new ProblemException(Problem.of(403, "seat-limit-reached", "Forbidden",
                    "The " + plan.wireName() + " plan allows " + seats + " active license(s); deactivate one or change plan"));
        }
        LicenseEntity row = insert(user.userId(), command.clientId(), policy);
        activated.fire(new LicenseActivated(row.id, row.userId, row.clientId, row.expiresAt));
        String fileSecret = fileSecrets.issueFor(row.id).orElse(null);
        LicenseView license = row.toView();
        return new Activation(license, tokens.issue(license, plan, policy.entitlements()), true, fileSecret);
    }

    private LicenseEntity insert(UUID userId, String clientId, Policy policy) {
        LicenseEntity row = new LicenseEntity();
        row.id = UUID.randomUUID();
        row.userId = userId;
        row.clientId = clientId;
        row.status = LicenseStatus.ACTIVE;
        row.createdAt = clock.now();
        row.updatedAt = row.createdAt;
        row.expiresAt = row.createdAt.plus(policy.duration());
        try {
            // flushed now, so that a client id taken concurrently by another user fails here, before the audit entry
            row.persistAndFlush();
        } catch (PersistenceException e) {
            if (UniqueViolation.of(e, LicenseEntity.LIVE_CLIENT_ID_UNIQUE)) {
                throw clientIdTaken();
            }
            throw e;
        }
        return row;
    }

    private static ProblemException clientIdTaken() {
        return ProblemException.conflict("client-id-taken", "This client id is activated by another account");
    }
}
