package io.hybridlicense.admin.api;

import java.util.List;

/** What other parts of the application may ask of the admin module. */
public interface AdminApi {

    /** The audit entries of one subject, oldest first. */
    List<AuditEntryView> auditTrailOf(String subjectType, String subjectId);
}
