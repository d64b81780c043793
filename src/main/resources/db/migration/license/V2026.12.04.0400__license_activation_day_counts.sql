-- Activations per UTC day for admin's statistics, as counts kept when a license row is written rather
-- than 30 index-only range counts of licenses_created_at_idx at every request: those take ~30 ms at
-- 1,000,000 licenses after a VACUUM but 324 ms on a table being written, once the visibility bits of
-- the pages are cleared (docs/reporting.md). An activation is a license row created that day, whatever
-- its status now (what the range counts counted), so the counts follow the rows: an insert adds one to
-- its creation day, a delete takes it away. One row per day and database backend process, as the
-- status and seat counts: concurrent activations never update the same counter row.
CREATE TABLE license.activation_day_counts (
    day     date    NOT NULL,
    backend integer NOT NULL,
    count   bigint  NOT NULL,
    PRIMARY KEY (day, backend)
);

CREATE FUNCTION license.count_activation_days() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM license.activation_day_counts;
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.created_at = NEW.created_at THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO license.activation_day_counts AS c (day, backend, count)
        VALUES ((OLD.created_at AT TIME ZONE 'UTC')::date, pg_backend_pid(), -1)
        ON CONFLICT (day, backend) DO UPDATE SET count = c.count - 1;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO license.activation_day_counts AS c (day, backend, count)
        VALUES ((NEW.created_at AT TIME ZONE 'UTC')::date, pg_backend_pid(), 1)
        ON CONFLICT (day, backend) DO UPDATE SET count = c.count + 1;
    END IF;
    RETURN NULL;
END
$$;

-- Counted from here on: the triggers first, then the rows already there (in this migration's transaction).
-- The application never changes created_at; the UPDATE trigger keeps the counts exact if anything does.
CREATE TRIGGER licenses_count_activation_days AFTER INSERT OR DELETE OR UPDATE OF created_at ON license.licenses
    FOR EACH ROW EXECUTE FUNCTION license.count_activation_days();
CREATE TRIGGER licenses_count_activation_days_truncate AFTER TRUNCATE ON license.licenses
    FOR EACH STATEMENT EXECUTE FUNCTION license.count_activation_days();
LOCK TABLE license.licenses IN SHARE MODE;
INSERT INTO license.activation_day_counts (day, backend, count)
SELECT (created_at AT TIME ZONE 'UTC')::date, 0, count(*) FROM license.licenses GROUP BY 1;

-- The range counts were this index's only use; every activation wrote it (25 MB at 1,000,000 licenses).
DROP INDEX license.licenses_created_at_idx;

-- The reporting view of the counts, read-only for admin. A condition on day reaches the counts' primary
-- key through the grouping, so a day's count reads that day's few rows.
CREATE VIEW license.activation_day_report AS
SELECT day, sum(count)::bigint AS count FROM license.activation_day_counts GROUP BY day;

-- Folds the per-backend rows of one count table (key column, backend, count) into backend 0: rows a
-- transaction is updating right now are skipped, and the sums stay the same in every snapshot.
CREATE FUNCTION license.fold_counts(counts text, key text) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    EXECUTE format($fold$
        WITH claimed AS (
            SELECT %2$I AS key, backend FROM license.%1$I WHERE backend <> 0 FOR UPDATE SKIP LOCKED
        ), folded AS (
            DELETE FROM license.%1$I c USING claimed
            WHERE c.%2$I = claimed.key AND c.backend = claimed.backend
            RETURNING c.%2$I AS key, c.count
        )
        INSERT INTO license.%1$I AS c (%2$I, backend, count)
        SELECT key, 0, sum(count) FROM folded GROUP BY key
        ON CONFLICT (%2$I, backend) DO UPDATE SET count = c.count + excluded.count
        $fold$, counts, key);
END
$$;
REVOKE ALL ON FUNCTION license.fold_counts(text, text) FROM PUBLIC;

-- The one compaction of every maintained count (V2026.12.04.0100 explains the locking), now with the
-- activation days; CREATE OR REPLACE keeps its owner and grants.
CREATE OR REPLACE FUNCTION license.compact_counts() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('license.compact_counts')) THEN
        RETURN;
    END IF;
    PERFORM license.fold_counts('license_status_counts', 'status');
    PERFORM license.fold_counts('seat_counts', 'plan');
    PERFORM license.fold_counts('activation_day_counts', 'day');
END
$$;

-- Only the trigger and the compaction (running as the owner) write the counts; the runtime role may
-- only read the view.
DO $grants$
DECLARE
    -- the blanks keep Flyway from reading "$$" before the placeholder: it would not replace it
    runtime_role text := btrim($role$ ${runtime_role} $role$);
BEGIN
    IF runtime_role <> '' AND runtime_role <> current_user THEN
        EXECUTE format('REVOKE ALL ON license.activation_day_counts, license.activation_day_report FROM %I', runtime_role);
        EXECUTE format('GRANT SELECT ON license.activation_day_report TO %I', runtime_role);
    END IF;
END
$grants$;
