-- After every migration, as the owner: hl.admin.audit-retention.days (placeholder audit_retention_days;
-- unset: never) becomes the retention admin.purge_audit_log enforces. Only the owner can change it,
-- so the role that serves requests can never shorten it. (Skipped while the table does not exist yet: a
-- restore migrates to the backup's older version.)
DO $retention$
DECLARE
    -- the blanks keep Flyway from reading "$$" before the placeholder: it would not replace it
    configured text := btrim($days$ ${audit_retention_days} $days$);
BEGIN
    IF to_regclass('admin.audit_retention') IS NOT NULL THEN
        UPDATE admin.audit_retention SET days = CASE WHEN configured = 'never' THEN NULL ELSE configured::integer END;
    END IF;
END
$retention$;
