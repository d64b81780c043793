package archfixtures.adminfeatures.admin.audit;

import archfixtures.adminfeatures.admin.console.AuditLogPage;

/** Violates "admin's audit knows nothing of the console": the trail renders its own page. */
public class AuditTrail {
    AuditLogPage page;
}
