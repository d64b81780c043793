-- The audit trail: one row per committed change of any module, written in that change's transaction.
CREATE TABLE admin.audit_log (
    id           uuid        PRIMARY KEY,
    occurred_at  timestamptz NOT NULL,
    action       text        NOT NULL CHECK (action ~ '^[A-Z][A-Z_]*$'),
    module       text        NOT NULL,
    subject_type text        NOT NULL,
    subject_id   text        NOT NULL,
    actor_id     text,
    details      jsonb       NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX audit_log_subject_idx ON admin.audit_log (subject_type, subject_id, occurred_at);
CREATE INDEX audit_log_occurred_at_idx ON admin.audit_log (occurred_at DESC);
CREATE INDEX audit_log_action_idx ON admin.audit_log (action, occurred_at DESC);

-- Append-only, whatever the application does: updates, deletes and truncation are refused.
CREATE FUNCTION admin.refuse_audit_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'admin.audit_log is append-only (% refused)', TG_OP;
END
$$;

CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON admin.audit_log
    FOR EACH ROW EXECUTE FUNCTION admin.refuse_audit_log_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON admin.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION admin.refuse_audit_log_change();
