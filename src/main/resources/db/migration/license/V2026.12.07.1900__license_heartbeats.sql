-- Heartbeats (docs/auth-and-license.md, "Heartbeats and dead machines"). Times are the database's: every
-- value here is written with now() or from a ping's arrival time, and the cull compares with now().
--   last_heartbeat_at  the last ping written (coalesced pings reach it within a second or so)
--   heartbeat_deadline dead after this: the last ping (or the activation) + interval + grace; NULL = no
--                      heartbeat required by the policy when it was set; validation reads it in its one row
--   cull_at            heartbeat_deadline + cull_after: a live license past it (on the database's clock,
--                      less a guard, see HeartbeatConfig) is deactivated by the cull; NULL = never culled
--   culled_at          when the cull deactivated it; a ping within resurrect_within of it may revive it
ALTER TABLE license.licenses
    ADD COLUMN last_heartbeat_at  timestamptz,
    ADD COLUMN heartbeat_deadline timestamptz,
    ADD COLUMN cull_at            timestamptz,
    ADD COLUMN culled_at          timestamptz;

-- The cull's lookup: only live licenses with a cull time, in cull-time order, so it reads due rows only.
CREATE INDEX licenses_cull_at_idx ON license.licenses (cull_at)
    WHERE status IN ('active', 'suspended') AND cull_at IS NOT NULL;

-- admin's user page shows each machine's last heartbeat and state: the reporting view gains the columns
-- (appended, so that CREATE OR REPLACE keeps the view, its read-only grants and its other readers).
CREATE OR REPLACE VIEW license.license_report AS
SELECT id, user_id, client_id, status, created_at, expires_at, updated_at, last_validated_at, version,
       last_heartbeat_at, heartbeat_deadline, culled_at
FROM license.licenses;
