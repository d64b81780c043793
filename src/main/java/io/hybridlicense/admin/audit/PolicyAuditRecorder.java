package io.hybridlicense.admin.audit;

import io.hybridlicense.license.api.EntitlementChanged;
import io.hybridlicense.license.api.PlanChanged;
import io.hybridlicense.license.api.PolicyChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Audits license's policy, plan and entitlement changes, synchronously inside the transaction that made them. */
@ApplicationScoped
class PolicyAuditRecorder {

    private static final String MODULE = "license";

    private final AuditTrail trail;

    PolicyAuditRecorder(AuditTrail trail) {
        this.trail = trail;
    }

    void on(@Observes PolicyChanged event) {
        Map<String, Object> details = new HashMap<>(event.terms());
        details.put("version", event.version());
        trail.record(new AuditTrail.Entry(action("POLICY", event.change()), MODULE, "policy", event.policyId().toString(),
                AuthAuditRecorder.idOf(event.actorId()), details));
    }

    void on(@Observes PlanChanged event) {
        Map<String, Object> details = new HashMap<>();
        details.put("isDefault", event.isDefault());
        if (event.policyId() != null) {
            details.put("policyId", event.policyId().toString());
        }
        trail.record(new AuditTrail.Entry(action("PLAN", event.change()), MODULE, "plan", event.plan(),
                AuthAuditRecorder.idOf(event.actorId()), details));
    }

    void on(@Observes EntitlementChanged event) {
        boolean ofLicense = event.licenseId() != null;
        trail.record(new AuditTrail.Entry(action(ofLicense ? "LICENSE_ENTITLEMENTS" : "ENTITLEMENT", event.change()), MODULE,
                ofLicense ? "license" : "entitlement", ofLicense ? event.licenseId().toString() : event.codes().get(0),
                AuthAuditRecorder.idOf(event.actorId()), Map.of("codes", event.codes())));
    }

    private static String action(String subject, String change) {
        return subject + "_" + change.toUpperCase(Locale.ROOT);
    }
}
