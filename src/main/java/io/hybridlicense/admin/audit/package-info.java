/**
 * The audit log (table {@code admin.audit_log}): the recorders that observe the other modules' {@code api}
 * events inside the transaction of the change, {@code AuditTrail} (also {@code AdminApi}), the
 * {@code /api/v1/admin/audit-logs} API as pages or CSV, and the retention purge.
 */
package io.hybridlicense.admin.audit;
