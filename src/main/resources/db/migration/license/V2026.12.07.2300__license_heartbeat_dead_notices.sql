-- license.heartbeat_dead (docs/integrations.md): a machine becomes dead by the clock passing its
-- heartbeat_deadline, with no transaction of its own; HeartbeatDeadJob finds such licenses and records the
-- death (its webhook and the marker below) in one transaction.
--   dead_noticed_for  the heartbeat_deadline whose passing was announced. A ping moves the deadline, so a
--                     machine that pings again and later dies again differs from it and is announced again;
--                     the same death (the same deadline) never twice.
ALTER TABLE license.licenses ADD COLUMN dead_noticed_for timestamptz;

-- Deaths already past when this runs are not news: only those after it are announced.
UPDATE license.licenses SET dead_noticed_for = heartbeat_deadline
WHERE heartbeat_deadline IS NOT NULL AND heartbeat_deadline <= now() AND status IN ('active', 'suspended');

-- The job's lookup: only live watched licenses whose current deadline was not yet announced, in deadline
-- order, so that it reads due rows only (an announced one leaves the index's predicate).
CREATE INDEX licenses_dead_unnoticed_idx ON license.licenses (heartbeat_deadline)
    WHERE status IN ('active', 'suspended') AND heartbeat_deadline IS NOT NULL
      AND dead_noticed_for IS DISTINCT FROM heartbeat_deadline;
