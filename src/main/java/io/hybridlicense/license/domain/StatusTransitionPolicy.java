package io.hybridlicense.license.domain;

import io.hybridlicense.license.api.LicenseStatus;
import java.util.Optional;

/**
 * Which status changes are allowed, and to whom: admins move live licenses between active and
 * suspended and revoke anything not yet revoked; owners deactivate their live licenses; the system
 * expires live licenses. Setting the current status again is allowed and changes nothing.
 */
public final class StatusTransitionPolicy {

    private StatusTransitionPolicy() {
    }

    /** Why the change is refused, or empty when it is allowed. */
    public static Optional<String> refusal(LicenseStatus from, LicenseStatus to, Actor actor) {
        if (from == to) {
            return Optional.empty();
        }
        boolean allowed = switch (to) {
            case ACTIVE -> actor == Actor.ADMIN && from == LicenseStatus.SUSPENDED;
            case SUSPENDED -> actor == Actor.ADMIN && from == LicenseStatus.ACTIVE;
            case REVOKED -> actor == Actor.ADMIN;
            case DEACTIVATED -> actor == Actor.OWNER && from.isLive();
            case EXPIRED -> actor == Actor.SYSTEM && from.isLive();
        };
        return allowed ? Optional.empty()
                : Optional.of("A license cannot go from " + from.wireName() + " to " + to.wireName()
                        + (actor == Actor.OWNER ? " by its owner" : ""));
    }
}
