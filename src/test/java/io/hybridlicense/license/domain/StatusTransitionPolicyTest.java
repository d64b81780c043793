package io.hybridlicense.license.domain;

import static io.hybridlicense.license.api.LicenseStatus.ACTIVE;
import static io.hybridlicense.license.api.LicenseStatus.DEACTIVATED;
import static io.hybridlicense.license.api.LicenseStatus.EXPIRED;
import static io.hybridlicense.license.api.LicenseStatus.REVOKED;
import static io.hybridlicense.license.api.LicenseStatus.SUSPENDED;
import static org.assertj.core.api.Assertions.assertThat;

import io.hybridlicense.license.api.LicenseStatus;
import org.junit.jupiter.api.Test;

class StatusTransitionPolicyTest {

    @Test
    void admins_suspendAndReactivate() {
        assertAllowed(ACTIVE, SUSPENDED, Actor.ADMIN);
        assertAllowed(SUSPENDED, ACTIVE, Actor.ADMIN);
    }

    @Test
    void admins_revokeAnything_andRevocationIsFinal() {
        for (LicenseStatus from : LicenseStatus.values()) {
            assertAllowed(from, REVOKED, Actor.ADMIN);
        }
        assertRefused(REVOKED, ACTIVE, Actor.ADMIN);
        assertRefused(REVOKED, SUSPENDED, Actor.ADMIN);
    }

    @Test
    void finishedLicenses_cannotComeBack() {
        assertRefused(EXPIRED, ACTIVE, Actor.ADMIN);
        assertRefused(DEACTIVATED, ACTIVE, Actor.ADMIN);
        assertRefused(EXPIRED, DEACTIVATED, Actor.OWNER);
    }

    @Test
    void owners_onlyDeactivateLiveLicenses() {
        assertAllowed(ACTIVE, DEACTIVATED, Actor.OWNER);
        assertAllowed(SUSPENDED, DEACTIVATED, Actor.OWNER);
        assertRefused(ACTIVE, SUSPENDED, Actor.OWNER);
        assertRefused(SUSPENDED, ACTIVE, Actor.OWNER);
        assertRefused(ACTIVE, REVOKED, Actor.OWNER);
    }

    @Test
    void onlyTheSystemExpires() {
        assertAllowed(ACTIVE, EXPIRED, Actor.SYSTEM);
        assertAllowed(SUSPENDED, EXPIRED, Actor.SYSTEM);
        assertRefused(ACTIVE, EXPIRED, Actor.ADMIN);
        assertRefused(REVOKED, EXPIRED, Actor.SYSTEM);
    }

    @Test
    void settingTheSameStatus_isAllowed() {
        assertAllowed(REVOKED, REVOKED, Actor.ADMIN);
    }

    private static void assertAllowed(LicenseStatus from, LicenseStatus to, Actor actor) {
        assertThat(StatusTransitionPolicy.refusal(from, to, actor)).as(from + " -> " + to + " by " + actor).isEmpty();
    }

    private static void assertRefused(LicenseStatus from, LicenseStatus to, Actor actor) {
        assertThat(StatusTransitionPolicy.refusal(from, to, actor)).as(from + " -> " + to + " by " + actor).isPresent();
    }
}
