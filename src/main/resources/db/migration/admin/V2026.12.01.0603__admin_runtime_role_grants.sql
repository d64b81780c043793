-- Requests are served by the runtime role (quarkus.datasource.username, placeholder runtime_role);
-- migrations run as the owner (quarkus.flyway.username), who owns every object. The audit trail is
-- append-only for real: the runtime role may only add and read rows (INSERT, SELECT), in this schema's
-- tables now and in those later migrations create (default privileges of the owner). Not owning the
-- table, it cannot UPDATE, DELETE, TRUNCATE, ALTER it or drop or disable its triggers either.
-- One role for both (runtime_role = current_user): nothing to grant, as before (the triggers still
-- refuse changes, but the owner could drop them: the application warns at start).
DO $grants$
DECLARE
    -- the blanks keep Flyway from reading "$$" before the placeholder: it would not replace it
    runtime_role text := btrim($role$ ${runtime_role} $role$);
BEGIN
    IF runtime_role <> '' AND runtime_role <> current_user THEN
        EXECUTE format('GRANT USAGE ON SCHEMA admin TO %I', runtime_role);
        EXECUTE format('GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA admin TO %I', runtime_role);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA admin GRANT SELECT, INSERT ON TABLES TO %I', runtime_role);
    END IF;
END
$grants$;
