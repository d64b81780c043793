-- The retention is the database's, not the caller's: admin.purge_audit_log took its cutoff and its audit
-- time from the runtime role, which could then erase everything older than a day. The retention now lives
-- in a table only the owner writes (afterMigrate__admin_audit_retention.sql copies
-- hl.admin.audit-retention.days into it at every migration; NULL: never purge), and the function reads it
-- and stamps its entries with the database's clock.
CREATE TABLE admin.audit_retention (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    days      integer CHECK (days >= 1)
);
INSERT INTO admin.audit_retention (singleton, days) VALUES (true, NULL);

-- A purge is now named by an id its caller picks (a name only: it widens nothing), and dated by the
-- database's clock at its first batch.
ALTER TABLE admin.audit_log_purges ADD COLUMN purge_id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE admin.audit_log_purges DROP CONSTRAINT audit_log_purges_pkey;
ALTER TABLE admin.audit_log_purges ADD CONSTRAINT audit_log_purges_pkey PRIMARY KEY (purge_id);
ALTER TABLE admin.audit_log_purges ALTER COLUMN purge_id DROP DEFAULT;
ALTER TABLE admin.audit_log_purges RENAME COLUMN purged_at TO started_at;

DROP FUNCTION admin.purge_audit_log(timestamptz, timestamptz, integer);

-- Deletes at most batch_size entries older than the owner-held retention (by the database's clock) and
-- returns how many; with no retention set, deletes nothing and returns 0. A batch of fewer than batch_size
-- ends the purge: its AUDIT_LOG_PURGED entry, at now(), holds olderThan, retentionDays and the purge's
-- total. A purge whose last batch is more than an hour old was interrupted (the server stopped); the next
-- purge to end audits it as well, marked interrupted. Rows another purge is deleting at the same moment
-- (a second instance) are skipped, not waited for: each audits its own.
CREATE FUNCTION admin.purge_audit_log(purge_id uuid, batch_size integer) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    retention_days integer;
    cutoff timestamptz;
    batch bigint;
    purge record;
BEGIN
    IF purge_id IS NULL THEN
        RAISE EXCEPTION 'purge_id is required' USING ERRCODE = '22023';
    END IF;
    IF batch_size IS NULL OR batch_size < 1 THEN
        RAISE EXCEPTION 'batch_size must be at least 1' USING ERRCODE = '22023';
    END IF;
    SELECT r.days INTO retention_days FROM admin.audit_retention r;
    IF retention_days IS NULL THEN
        RETURN 0;
    END IF;
    cutoff := now() - make_interval(days => retention_days);

    PERFORM set_config('hl.audit_purge', 'on', true);
    DELETE FROM admin.audit_log WHERE ctid = ANY (ARRAY(
        SELECT a.ctid FROM admin.audit_log a WHERE a.occurred_at < cutoff
        ORDER BY a.occurred_at, a.id LIMIT batch_size FOR UPDATE SKIP LOCKED));
    GET DIAGNOSTICS batch = ROW_COUNT;
    PERFORM set_config('hl.audit_purge', 'off', true);

    INSERT INTO admin.audit_log_purges AS p (purge_id, started_at, older_than, deleted, last_batch_at)
    VALUES (purge_audit_log.purge_id, now(), cutoff, batch, now())
    ON CONFLICT ON CONSTRAINT audit_log_purges_pkey
        DO UPDATE SET older_than = excluded.older_than, deleted = p.deleted + excluded.deleted,
                      last_batch_at = excluded.last_batch_at;
    IF batch = batch_size THEN
        RETURN batch;
    END IF;
    FOR purge IN
        DELETE FROM admin.audit_log_purges p
        WHERE p.purge_id = purge_audit_log.purge_id OR p.last_batch_at < now() - interval '1 hour'
        RETURNING p.*
    LOOP
        INSERT INTO admin.audit_log (id, occurred_at, action, module, subject_type, subject_id, actor_id, details)
        VALUES (gen_random_uuid(), now(), 'AUDIT_LOG_PURGED', 'admin', 'audit_log', 'admin.audit_log', NULL,
                jsonb_build_object('olderThan', purge.older_than, 'deleted', purge.deleted, 'retentionDays', retention_days)
                || CASE WHEN purge.purge_id = purge_audit_log.purge_id THEN '{}'::jsonb
                        ELSE jsonb_build_object('interrupted', true, 'startedAt', purge.started_at) END);
    END LOOP;
    RETURN batch;
END
$$;

-- Only the runtime role may run it. It may read the retention (the application warns when its own
-- setting differs), never change it; nobody but the owner touches the purges' totals.
REVOKE ALL ON FUNCTION admin.purge_audit_log(uuid, integer) FROM PUBLIC;
DO $grants$
DECLARE
    -- the blanks keep Flyway from reading "$$" before the placeholder: it would not replace it
    runtime_role text := btrim($role$ ${runtime_role} $role$);
BEGIN
    IF runtime_role <> '' AND runtime_role <> current_user THEN
        EXECUTE format('REVOKE ALL ON admin.audit_retention FROM %I', runtime_role);
        EXECUTE format('GRANT SELECT ON admin.audit_retention TO %I', runtime_role);
        EXECUTE format('GRANT EXECUTE ON FUNCTION admin.purge_audit_log(uuid, integer) TO %I', runtime_role);
    END IF;
END
$grants$;
