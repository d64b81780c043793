-- The read-only reporting views of licenses and subscriptions for admin (the one declared exception to
-- "only through the api"): one row per license and per subscription, as stored.
CREATE VIEW license.license_report AS
SELECT id, user_id, client_id, status, created_at, expires_at, updated_at, last_validated_at, version
FROM license.licenses;

CREATE VIEW license.subscription_report AS
SELECT id, user_id, plan, status, started_at, renews_at, version
FROM license.subscriptions;

-- Licenses per status with the oldest and newest (index-only count, min and max per status).
CREATE INDEX licenses_status_created_at_idx ON license.licenses (status, created_at);
-- Activations per day: licenses created in a time range.
CREATE INDEX licenses_created_at_idx ON license.licenses (created_at);

-- Read-only for the runtime role: the schema's default privileges would also grant INSERT, UPDATE and
-- DELETE, and a simple view is updatable through to its table.
DO $grants$
DECLARE
    -- the blanks keep Flyway from reading "$$" before the placeholder: it would not replace it
    runtime_role text := btrim($role$ ${runtime_role} $role$);
BEGIN
    IF runtime_role <> '' AND runtime_role <> current_user THEN
        EXECUTE format('REVOKE ALL ON license.license_report, license.subscription_report FROM %I', runtime_role);
        EXECUTE format('GRANT SELECT ON license.license_report, license.subscription_report TO %I', runtime_role);
    END IF;
END
$grants$;
