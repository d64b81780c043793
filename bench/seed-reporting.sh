#!/usr/bin/env bash
# Seeds a scratch database at the size docs/reporting.md measures: 100,000 users (with their
# subscriptions), 1,000,000 licenses and 1,000,000 audit entries, all made by generate_series in SQL.
#
#   bench/seed-reporting.sh DATABASE        (connection as for psql: PGHOST, PGPORT, PGUSER, ...)
#
# The database must exist and be empty: the script applies the application's migrations to it (in
# version order, as Flyway would, as one role: the runtime_role placeholder is left empty), then seeds
# and analyses. Times are spread over the last three years, a few thousand licenses per day.
set -euo pipefail

db=${1:?usage: $0 DATABASE}
here=$(cd "$(dirname "$0")/.." && pwd)
psql=(psql -X -q -v ON_ERROR_STOP=1 -d "$db")

echo "Applying migrations to $db"
find "$here/src/main/resources/db/migration" -name 'V*.sql' -printf '%f\t%p\n' | sort -V | cut -f2 |
while read -r migration; do
    sed 's/\${runtime_role}//g' "$migration" | "${psql[@]}" --single-transaction  # as Flyway: one transaction each
done

echo "Seeding (a few minutes)"
"${psql[@]}" <<'SQL'
\timing on
INSERT INTO auth.users (id, email, password_hash, plan, admin, created_at)
SELECT md5('user' || i)::uuid,
       'user' || i || '@example' || (i % 97) || '.test',
       '$argon2id$v=19$m=19456,t=2,p=1$seed$seed',
       CASE WHEN i % 20 = 0 THEN 'enterprise' WHEN i % 4 = 0 THEN 'pro' ELSE 'free' END,
       i % 5000 = 0,
       now() - (i % 1095) * interval '1 day' - (i % 86400) * interval '1 second'
FROM generate_series(1, 100000) AS i;

INSERT INTO license.subscriptions (id, user_id, plan, status, started_at, renews_at)
SELECT md5('subscription' || u.id)::uuid, u.id, u.plan, 'active', u.created_at, now() + interval '30 days'
FROM auth.users u;

-- the per-row counters (license_status_counts, seat_counts, activation_day_counts) would update one row
-- a million times in one transaction, each version found by walking the ones before it: seed without
-- triggers, then count once
SET session_replication_role = replica;
INSERT INTO license.licenses (id, user_id, client_id, status, created_at, expires_at, updated_at)
SELECT md5('license' || i)::uuid,
       md5('user' || (i % 100000 + 1))::uuid,
       'client-' || i,
       (ARRAY['active', 'active', 'active', 'active', 'active', 'active', 'expired', 'expired', 'deactivated',
              'suspended', 'revoked'])[i % 11 + 1],
       c.created_at, c.created_at + interval '365 days', c.created_at
FROM generate_series(1, 1000000) AS i
CROSS JOIN LATERAL (SELECT now() - (i % 1095) * interval '1 day' - (i % 86400) * interval '1 second' AS created_at) c;
SET session_replication_role = origin;
DELETE FROM license.license_status_counts;
INSERT INTO license.license_status_counts (status, backend, count)
SELECT status, 0, count(*) FROM license.licenses GROUP BY status;
DELETE FROM license.seat_counts;
INSERT INTO license.seat_counts (plan, backend, count)
SELECT s.plan, 0, count(*) FROM license.licenses l JOIN license.subscriptions s ON s.user_id = l.user_id
WHERE l.status IN ('active', 'suspended') GROUP BY s.plan;
DELETE FROM license.activation_day_counts;
INSERT INTO license.activation_day_counts (day, backend, count)
SELECT (created_at AT TIME ZONE 'UTC')::date, 0, count(*) FROM license.licenses GROUP BY 1;

INSERT INTO admin.audit_log (id, occurred_at, action, module, subject_type, subject_id, actor_id, details)
SELECT md5('audit' || i)::uuid,
       now() - (i % 1095) * interval '1 day' - (i % 86400) * interval '1 second',
       (ARRAY['LICENSE_CREATED', 'LICENSE_SUSPENDED', 'LICENSE_REACTIVATED', 'LICENSE_REVOKED', 'LICENSE_EXPIRED',
              'USER_REGISTERED', 'SUBSCRIPTION_RENEWED', 'SCHEMA_CHANGE_CONFIRMED'])[i % 8 + 1],
       'license', 'license',
       md5('license' || (i % 1000000 + 1))::uuid::text,
       md5('user' || (i % 100000 + 1))::uuid::text,
       jsonb_build_object('n', i)
FROM generate_series(1, 1000000) AS i;
SQL
# the audit log refuses UPDATE and DELETE, not VACUUM
"${psql[@]}" -c 'VACUUM (ANALYZE) auth.users, license.subscriptions, license.licenses, license.seat_counts,
    license.activation_day_counts, admin.audit_log'
echo "Done: $db"
