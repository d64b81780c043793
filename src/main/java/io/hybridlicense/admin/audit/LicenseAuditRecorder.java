package io.hybridlicense.admin.audit;

import io.hybridlicense.license.api.LicenseActivated;
import io.hybridlicense.license.api.LicenseExtended;
import io.hybridlicense.license.api.LicenseStatus;
import io.hybridlicense.license.api.LicenseStatusChanged;
import io.hybridlicense.license.api.MachineCulled;
import io.hybridlicense.license.api.MachinesCulled;
import io.hybridlicense.license.api.MachineResurrected;
import io.hybridlicense.license.api.SubscriptionPlanChanged;
import io.hybridlicense.license.api.SubscriptionRenewed;
import io.hybridlicense.license.api.SubscriptionStarted;
import io.hybridlicense.license.api.SubscriptionView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/** Audits license's changes, synchronously inside the transaction that made them. */
@ApplicationScoped
class LicenseAuditRecorder {

    private static final String MODULE = "license";
    private static final String LICENSE = "license";
    private static final String SUBSCRIPTION = "subscription";

    private final AuditTrail trail;

    LicenseAuditRecorder(AuditTrail trail) {
        this.trail = trail;
    }

    void on(@Observes LicenseActivated event) {
        trail.record(new AuditTrail.Entry("LICENSE_CREATED", MODULE, LICENSE, event.licenseId().toString(),
                event.userId().toString(), Map.of("userId", event.userId().toString(), "clientId", event.clientId(),
                "expiresAt", event.expiresAt().toString())));
    }

    void on(@Observes LicenseStatusChanged event) {
        trail.record(new AuditTrail.Entry(actionFor(event.to()), MODULE, LICENSE, event.licenseId().toString(),
                AuthAuditRecorder.idOf(event.actorId()), Map.of("from", event.from().wireName(),
                "to", event.to().wireName(), "version", event.version(), "userId", event.userId().toString())));
    }

    /** The heartbeat cull: deactivations by the system, reason {@code heartbeat}, one statement per batch. */
    void on(@Observes MachinesCulled event) {
        trail.recordAll(event.machines().stream().map(LicenseAuditRecorder::culled).toList());
    }

    private static AuditTrail.Entry culled(MachineCulled machine) {
        return new AuditTrail.Entry(actionFor(LicenseStatus.DEACTIVATED), MODULE, LICENSE, machine.licenseId().toString(),
                null, Map.of("from", machine.from().wireName(), "to", LicenseStatus.DEACTIVATED.wireName(),
                "version", machine.version(), "userId", machine.userId().toString(), "reason", "heartbeat"));
    }

    /** A culled machine's heartbeat revived it: by its owner's machine, reason {@code heartbeat}. */
    void on(@Observes MachineResurrected event) {
        trail.record(new AuditTrail.Entry(actionFor(LicenseStatus.ACTIVE), MODULE, LICENSE, event.licenseId().toString(),
                event.userId().toString(), Map.of("from", LicenseStatus.DEACTIVATED.wireName(),
                "to", LicenseStatus.ACTIVE.wireName(), "version", event.version(), "userId", event.userId().toString(),
                "reason", "heartbeat")));
    }

    void on(@Observes LicenseExtended event) {
        trail.record(new AuditTrail.Entry("LICENSE_EXTENDED", MODULE, LICENSE, event.licenseId().toString(),
                AuthAuditRecorder.idOf(event.actorId()), Map.of("from", event.from().toString(),
                "to", event.to().toString(), "version", event.version(), "userId", event.userId().toString())));
    }

    void on(@Observes SubscriptionStarted event) {
        trail.record(new AuditTrail.Entry("SUBSCRIPTION_STARTED", MODULE, SUBSCRIPTION, event.subscriptionId().toString(),
                event.userId().toString(), Map.of("plan", event.plan().wireName(), "renewsAt", event.renewsAt().toString())));
    }

    void on(@Observes SubscriptionPlanChanged event) {
        trail.record(new AuditTrail.Entry("SUBSCRIPTION_PLAN_CHANGED", MODULE, SUBSCRIPTION,
                event.subscriptionId().toString(), AuthAuditRecorder.idOf(event.actorId()),
                Map.of("from", event.from().wireName(), "to", event.to().wireName())));
    }

    void on(@Observes SubscriptionRenewed event) {
        String action = SubscriptionView.PAST_DUE.equals(event.status()) ? "SUBSCRIPTION_PAST_DUE" : "SUBSCRIPTION_RENEWED";
        trail.record(new AuditTrail.Entry(action, MODULE, SUBSCRIPTION, event.subscriptionId().toString(), null,
                Map.of("renewsAt", event.renewsAt().toString(), "status", event.status())));
    }

    static String actionFor(LicenseStatus to) {
        return switch (to) {
            case ACTIVE -> "LICENSE_REACTIVATED";
            case SUSPENDED -> "LICENSE_SUSPENDED";
            case REVOKED -> "LICENSE_REVOKED";
            case EXPIRED -> "LICENSE_EXPIRED";
            case DEACTIVATED -> "LICENSE_DEACTIVATED";
        };
    }
}
