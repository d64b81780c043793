-- Licenses per status for admin's statistics without counting a million rows at every request (an
-- index-only count of 1,000,000 licenses takes ~100 ms; docs/reporting.md). A trigger keeps running
-- counts, one row per status and database backend process: concurrent transactions run in different
-- backends, so they never update the same row — no lock waits on the activation path, no deadlocks
-- between batches — and the sum over the rows of a status is exact in every snapshot.
CREATE TABLE license.license_status_counts (
    status  text    NOT NULL,
    backend integer NOT NULL,
    count   bigint  NOT NULL,
    PRIMARY KEY (status, backend)
);

CREATE FUNCTION license.count_license_status() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM license.license_status_counts;
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.status = NEW.status THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO license.license_status_counts AS c (status, backend, count) VALUES (OLD.status, pg_backend_pid(), -1)
        ON CONFLICT (status, backend) DO UPDATE SET count = c.count - 1;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO license.license_status_counts AS c (status, backend, count) VALUES (NEW.status, pg_backend_pid(), 1)
        ON CONFLICT (status, backend) DO UPDATE SET count = c.count + 1;
    END IF;
    RETURN NULL;
END
$$;

-- Counted from here on: the trigger first, then the rows already there (in this migration's transaction).
CREATE TRIGGER licenses_count_status AFTER INSERT OR DELETE OR UPDATE OF status ON license.licenses
    FOR EACH ROW EXECUTE FUNCTION license.count_license_status();
CREATE TRIGGER licenses_count_status_truncate AFTER TRUNCATE ON license.licenses
    FOR EACH STATEMENT EXECUTE FUNCTION license.count_license_status();
LOCK TABLE license.licenses IN SHARE MODE;
INSERT INTO license.license_status_counts (status, backend, count)
SELECT status, 0, count(*) FROM license.licenses GROUP BY status;

-- The reporting view of the counts, read-only for admin.
CREATE VIEW license.license_status_report AS
SELECT status, sum(count)::bigint AS count FROM license.license_status_counts GROUP BY status;

-- Only the trigger (running as the owner) writes the counts: the runtime role gets none of the
-- schema's default row privileges on them, and may only read the view.
DO $grants$
DECLARE
    -- the blanks keep Flyway from reading "$$" before the placeholder: it would not replace it
    runtime_role text := btrim($role$ ${runtime_role} $role$);
BEGIN
    IF runtime_role <> '' AND runtime_role <> current_user THEN
        EXECUTE format('REVOKE ALL ON license.license_status_counts, license.license_status_report FROM %I', runtime_role);
        EXECUTE format('GRANT SELECT ON license.license_status_report TO %I', runtime_role);
    END IF;
END
$grants$;
