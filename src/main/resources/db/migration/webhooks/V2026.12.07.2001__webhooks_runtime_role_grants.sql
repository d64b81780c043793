-- Requests are served by the runtime role (quarkus.datasource.username, placeholder runtime_role);
-- migrations run as the owner (quarkus.flyway.username), who owns every object. The runtime role may
-- read and write the rows of this schema, now and in tables later migrations create (default
-- privileges of the owner), but never change or drop the tables themselves.
-- One role for both (runtime_role = current_user): nothing to grant, as before.
DO $grants$
DECLARE
    -- the blanks keep Flyway from reading "$$" before the placeholder: it would not replace it
    runtime_role text := btrim($role$ ${runtime_role} $role$);
BEGIN
    IF runtime_role <> '' AND runtime_role <> current_user THEN
        EXECUTE format('GRANT USAGE ON SCHEMA webhooks TO %I', runtime_role);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA webhooks TO %I', runtime_role);
        EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA webhooks TO %I', runtime_role);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA webhooks GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', runtime_role);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA webhooks GRANT USAGE, SELECT ON SEQUENCES TO %I', runtime_role);
    END IF;
END
$grants$;
