package io.hybridlicense.license.lifecycle;

import io.hybridlicense.auth.api.Caller;
import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.license.api.LicenseStatusChanged;
import io.hybridlicense.license.api.LicenseView;
import io.hybridlicense.license.domain.Actor;
import io.hybridlicense.license.domain.StatusTransitionPolicy;
import io.hybridlicense.license.store.LicenseEntity;
import io.hybridlicense.shared.Clock;
import io.hybridlicense.shared.Problem;
import io.hybridlicense.shared.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.util.OptionalLong;
import java.util.UUID;
import org.hibernate.StaleStateException;

/**
 * Status changes of one license with optimistic locking: an admin's PATCH (with the version from
 * {@code If-Match}) and the owner's deactivation. Each change is audited in the same transaction
 * through {@link LicenseStatusChanged}.
 */
@ApplicationScoped
class ChangeLicenseStatus {

    private final Clock clock;
    private final Event<LicenseStatusChanged> changed;

    ChangeLicenseStatus(Clock clock, Event<LicenseStatusChanged> changed) {
        this.clock = clock;
        this.changed = changed;
    }

    /** PATCH: admins only; others see 404 for licenses not theirs and 403 for their own. */
    @Transactional
    LicenseView change(UUID licenseId, LicenseStatus target, OptionalLong expectedVersion, Caller caller) {
        LicenseEntity license = adminTarget(licenseId, expectedVersion, caller, "Only admins change a license's status");
        return apply(license, target, Actor.ADMIN, caller.userId());
    }

    /**
     * The license an admin's change is for, still at the version of their If-Match: others see 404 for
     * licenses not theirs and 403 for their own; 428 without If-Match, 412 for another version.
     */
    static LicenseEntity adminTarget(UUID licenseId, OptionalLong expectedVersion, Caller caller, String adminsOnly) {
        LicenseEntity license = visible(licenseId, caller);
        if (!caller.admin()) {
            throw new ProblemException(Problem.of(403, "forbidden", "Forbidden", adminsOnly));
        }
        if (expectedVersion.isEmpty()) {
            throw new ProblemException(Problem.of(428, "precondition-required", "Precondition Required",
                    "Send If-Match with the license's ETag"));
        }
        if (license.version != expectedVersion.getAsLong()) {
            throw stale("The license has changed; fetch it again for its current ETag");
        }
        return license;
    }

    /** The owner frees the seat; admins may deactivate on behalf of the owner. */
    @Transactional
    LicenseView deactivate(UUID licenseId, Caller caller) {
        LicenseEntity license = visible(licenseId, caller);
        return apply(license, LicenseStatus.DEACTIVATED, Actor.OWNER, caller.userId());
    }

    /** Applies one allowed change to a row the caller's transaction holds; used by batch and expiry too. */
    LicenseView apply(LicenseEntity license, LicenseStatus target, Actor actor, UUID actorId) {
        StatusTransitionPolicy.refusal(license.status, target, actor).ifPresent(reason -> {
            throw ProblemException.conflict("invalid-transition", reason);
        });
        if (license.status == target) {
            return license.toView();
        }
        LicenseStatus from = license.status;
        license.status = target;
        license.updatedAt = clock.now();
        flush(license);
        changed.fire(new LicenseStatusChanged(license.id, license.userId, from, target, license.version, actorId));
        return license.toView();
    }

    /** Writes the change now, so that a concurrent one surfaces here as 412, not at commit. */
    static void flush(LicenseEntity license) {
        try {
            license.flush();
        } catch (OptimisticLockException | StaleStateException e) {
            throw stale("The license was changed concurrently; fetch it again");
        }
    }

    static ProblemException stale(String detail) {
        return new ProblemException(Problem.of(412, "precondition-failed", "Precondition Failed", detail));
    }

    private static LicenseEntity visible(UUID licenseId, Caller caller) {
        LicenseEntity license = LicenseEntity.findById(licenseId);
        if (license == null || !caller.canSee(license.userId)) {
            throw ProblemException.notFound("License " + licenseId);
        }
        return license;
    }
}
