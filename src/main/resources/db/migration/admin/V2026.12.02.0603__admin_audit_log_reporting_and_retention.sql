-- The audit-log API pages newest first by (occurred_at, id); each filter has an index in that order.
CREATE INDEX audit_log_occurred_at_id_idx ON admin.audit_log (occurred_at DESC, id DESC);
CREATE INDEX audit_log_actor_idx ON admin.audit_log (actor_id, occurred_at DESC, id DESC);
CREATE INDEX audit_log_subject_id_idx ON admin.audit_log (subject_id, occurred_at DESC, id DESC);
CREATE INDEX audit_log_action_id_idx ON admin.audit_log (action, occurred_at DESC, id DESC);
-- Superseded by the (…, id) indexes above.
DROP INDEX admin.audit_log_occurred_at_idx;
DROP INDEX admin.audit_log_action_idx;

-- Retention. The log stays append-only: the triggers still refuse every UPDATE, DELETE and TRUNCATE,
-- except a DELETE by the table's owner while admin.purge_audit_log runs (it sets hl.audit_purge for
-- its own transaction; the runtime role may set that too, but it has no DELETE privilege and is no owner).
CREATE OR REPLACE FUNCTION admin.refuse_audit_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW'
       AND current_setting('hl.audit_purge', true) = 'on'
       AND current_user = (SELECT pg_get_userbyid(relowner) FROM pg_catalog.pg_class WHERE oid = TG_RELID) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'admin.audit_log is append-only (% refused)', TG_OP;
END
$$;

-- The only way to delete audit entries: those older than older_than, which must be at least a day in
-- the past by the database's clock, so that the recent trail can never be purged. The purge is itself
-- audited (AUDIT_LOG_PURGED, at purged_at, the application's clock), in the same transaction.
CREATE FUNCTION admin.purge_audit_log(older_than timestamptz, purged_at timestamptz) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    deleted bigint;
BEGIN
    IF older_than IS NULL OR purged_at IS NULL OR older_than > now() - interval '1 day' THEN
        RAISE EXCEPTION 'audit entries of the last day are never purged' USING ERRCODE = '22023';
    END IF;
    PERFORM set_config('hl.audit_purge', 'on', true);
    DELETE FROM admin.audit_log WHERE occurred_at < older_than;
    GET DIAGNOSTICS deleted = ROW_COUNT;
    PERFORM set_config('hl.audit_purge', 'off', true);
    INSERT INTO admin.audit_log (id, occurred_at, action, module, subject_type, subject_id, actor_id, details)
    VALUES (gen_random_uuid(), purged_at, 'AUDIT_LOG_PURGED', 'admin', 'audit_log', 'admin.audit_log', NULL,
            jsonb_build_object('olderThan', older_than, 'deleted', deleted));
    RETURN deleted;
END
$$;

REVOKE ALL ON FUNCTION admin.purge_audit_log(timestamptz, timestamptz) FROM PUBLIC;
DO $grants$
DECLARE
    -- the blanks keep Flyway from reading "$$" before the placeholder: it would not replace it
    runtime_role text := btrim($role$ ${runtime_role} $role$);
BEGIN
    IF runtime_role <> '' AND runtime_role <> current_user THEN
        EXECUTE format('GRANT EXECUTE ON FUNCTION admin.purge_audit_log(timestamptz, timestamptz) TO %I', runtime_role);
    END IF;
END
$grants$;
