-- The retention purge in batches: a first purge of millions of entries deleted them in one statement,
-- one transaction holding every row lock and the whole WAL of the delete until the end. A SECURITY
-- DEFINER routine cannot commit, so the function now deletes one batch in the caller's transaction and
-- the caller calls it again, a transaction each, until a batch comes back short; that last call writes
-- the purge's one AUDIT_LOG_PURGED entry with the total. The running total of a purge lives here, in the
-- same transactions as its deletes, so no committed delete is ever left out of an audit entry.
CREATE TABLE admin.audit_log_purges (
    purged_at     timestamptz PRIMARY KEY, -- the application's clock at the start of the purge: names it across calls
    older_than    timestamptz NOT NULL,
    deleted       bigint      NOT NULL,
    last_batch_at timestamptz NOT NULL     -- the database's clock
);

DROP FUNCTION admin.purge_audit_log(timestamptz, timestamptz);

-- Deletes at most batch_size entries older than older_than (which must be at least a day in the past by
-- the database's clock, so that the recent trail can never be purged) and returns how many. A batch of
-- fewer than batch_size ends the purge: its AUDIT_LOG_PURGED entry (at purged_at) holds olderThan and the
-- purge's total. A purge whose last batch is more than an hour old was interrupted (the server stopped);
-- the next purge to end audits it as well, at its own time, marked interrupted. Rows another purge is
-- deleting at the same moment (a second instance) are skipped, not waited for: each audits its own.
CREATE FUNCTION admin.purge_audit_log(older_than timestamptz, purged_at timestamptz, batch_size integer) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    deleted bigint;
    purge record;
BEGIN
    IF older_than IS NULL OR purged_at IS NULL OR older_than > now() - interval '1 day' THEN
        RAISE EXCEPTION 'audit entries of the last day are never purged' USING ERRCODE = '22023';
    END IF;
    IF batch_size IS NULL OR batch_size < 1 THEN
        RAISE EXCEPTION 'batch_size must be at least 1' USING ERRCODE = '22023';
    END IF;
    PERFORM set_config('hl.audit_purge', 'on', true);
    DELETE FROM admin.audit_log WHERE ctid = ANY (ARRAY(
        SELECT a.ctid FROM admin.audit_log a WHERE a.occurred_at < older_than
        ORDER BY a.occurred_at, a.id LIMIT batch_size FOR UPDATE SKIP LOCKED));
    GET DIAGNOSTICS deleted = ROW_COUNT;
    PERFORM set_config('hl.audit_purge', 'off', true);

    INSERT INTO admin.audit_log_purges AS p (purged_at, older_than, deleted, last_batch_at)
    VALUES (purged_at, older_than, deleted, now())
    ON CONFLICT ON CONSTRAINT audit_log_purges_pkey
        DO UPDATE SET deleted = p.deleted + excluded.deleted, last_batch_at = excluded.last_batch_at;
    IF deleted = batch_size THEN
        RETURN deleted;
    END IF;
    FOR purge IN
        DELETE FROM admin.audit_log_purges p
        WHERE p.purged_at = purge_audit_log.purged_at OR p.last_batch_at < now() - interval '1 hour'
        RETURNING p.*
    LOOP
        INSERT INTO admin.audit_log (id, occurred_at, action, module, subject_type, subject_id, actor_id, details)
        VALUES (gen_random_uuid(), purge_audit_log.purged_at, 'AUDIT_LOG_PURGED', 'admin', 'audit_log', 'admin.audit_log',
                NULL, jsonb_build_object('olderThan', purge.older_than, 'deleted', purge.deleted)
                      || CASE WHEN purge.purged_at = purge_audit_log.purged_at THEN '{}'::jsonb
                              ELSE jsonb_build_object('interrupted', true, 'startedAt', purge.purged_at) END);
    END LOOP;
    RETURN deleted;
END
$$;

-- Only the runtime role may run it; nobody but the owner touches the purges' totals.
REVOKE ALL ON FUNCTION admin.purge_audit_log(timestamptz, timestamptz, integer) FROM PUBLIC;
DO $grants$
DECLARE
    -- the blanks keep Flyway from reading "$$" before the placeholder: it would not replace it
    runtime_role text := btrim($role$ ${runtime_role} $role$);
BEGIN
    IF runtime_role <> '' AND runtime_role <> current_user THEN
        EXECUTE format('REVOKE ALL ON admin.audit_log_purges FROM %I', runtime_role);
        EXECUTE format('GRANT EXECUTE ON FUNCTION admin.purge_audit_log(timestamptz, timestamptz, integer) TO %I', runtime_role);
    END IF;
END
$grants$;
