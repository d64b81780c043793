#!/usr/bin/env bash
# EXPLAIN (ANALYZE, BUFFERS) of every reporting query as the application sends it (values bound as
# literals), against a database seeded by bench/seed-reporting.sh. Each query runs once before it is
# measured, so the figures are those of a warm cache. Output: Markdown, for docs/reporting.md.
#
#   bench/explain-reporting.sh DATABASE     (connection as for psql: PGHOST, PGPORT, PGUSER, ...)
set -euo pipefail
db=${1:?usage: $0 DATABASE}
psql=(psql -X -q -At -v ON_ERROR_STOP=1 -d "$db")

user=$("${psql[@]}" -c "SELECT md5('user42')::uuid")
# the sort key of the 50th user whose email starts with 'user1', for the second page
after=$("${psql[@]}" -c "SELECT email_key FROM auth.user_report WHERE email_key >= 'user1' AND email_key < 'user2' ORDER BY email_key OFFSET 49 LIMIT 1")
# the 50th newest audit entry, for the second page
at_id=$("${psql[@]}" -F '|' -c "SELECT occurred_at, id FROM admin.audit_log ORDER BY occurred_at DESC, id DESC OFFSET 49 LIMIT 1")
at=${at_id%|*}; id=${at_id#*|}
audit_select="SELECT id, occurred_at, action, module, subject_type, subject_id, actor_id, details::text AS details FROM admin.audit_log WHERE true"
order="ORDER BY occurred_at DESC, id DESC"

explain() {
    local title=$1 query=$2
    "${psql[@]}" -c "$query" > /dev/null
    printf '### %s\n\n```sql\n%s\n```\n\n```\n' "$title" "$query"
    "${psql[@]}" -c "EXPLAIN (ANALYZE, BUFFERS) $query"
    printf '```\n\n'
}

explain "GET /api/v1/admin/stats/users" "SELECT p.plan,
       (SELECT count(*) FROM auth.user_report u WHERE u.plan = p.plan) AS user_count,
       (SELECT count(*) FROM auth.user_report u WHERE u.plan = p.plan AND u.created_at >= now() - interval '30 days') AS new_users
FROM unnest('{free,pro,enterprise}'::text[]) WITH ORDINALITY AS p(plan, position)
ORDER BY p.position"

explain "GET /api/v1/admin/stats/licenses: byStatus" "SELECT s.status, coalesce(c.count, 0) AS count,
       (SELECT min(l.created_at) FROM license.license_report l WHERE l.status = s.status) AS oldest,
       (SELECT max(l.created_at) FROM license.license_report l WHERE l.status = s.status) AS newest
FROM unnest('{active,suspended,revoked,expired,deactivated}'::text[]) WITH ORDINALITY AS s(status, position)
LEFT JOIN license.license_status_report c ON c.status = s.status
ORDER BY s.position"

explain "GET /api/v1/admin/stats/licenses: activationsPerDay" "SELECT d.day::date AS day,
       coalesce((SELECT c.count FROM license.activation_day_report c WHERE c.day = d.day::date), 0) AS count
FROM generate_series(date_trunc('day', now() AT TIME ZONE 'UTC') - interval '29 days',
                     date_trunc('day', now() AT TIME ZONE 'UTC'), interval '1 day') AS d(day)
ORDER BY d.day"

explain "GET /api/v1/admin/users?limit=50 (first page, no query)" "SELECT id, email, email_key, plan, admin, created_at FROM auth.user_report
WHERE email_key >= '' ORDER BY email_key LIMIT 51"

explain "GET /api/v1/admin/users?query=user1&limit=50 (first page)" "SELECT id, email, email_key, plan, admin, created_at FROM auth.user_report
WHERE email_key >= 'user1' AND email_key < 'user2' ORDER BY email_key LIMIT 51"

explain "GET /api/v1/admin/users?query=user1&limit=50&cursor=… (second page)" "SELECT id, email, email_key, plan, admin, created_at FROM auth.user_report
WHERE email_key >= 'user1' AND email_key < 'user2' AND email_key > '$after' ORDER BY email_key LIMIT 51"

explain "GET /api/v1/admin/users/{id}" "SELECT u.id, u.email, u.plan, u.admin, u.created_at,
       s.id AS s_id, s.plan AS s_plan, s.status AS s_status, s.started_at, s.renews_at, s.version AS s_version,
       l.id AS l_id, l.client_id, l.status AS l_status, l.created_at AS l_created_at, l.expires_at,
       l.updated_at, l.last_validated_at, l.version AS l_version
FROM auth.user_report u
LEFT JOIN license.subscription_report s ON s.user_id = u.id
LEFT JOIN license.license_report l ON l.user_id = u.id
WHERE u.id = '$user'
ORDER BY l.created_at DESC, l.id DESC"

explain "GET /api/v1/admin/audit-logs?limit=50 (first page)" "$audit_select $order LIMIT 51"
explain "GET /api/v1/admin/audit-logs?limit=50&cursor=… (second page)" "$audit_select AND (occurred_at, id) < ('$at', '$id') $order LIMIT 51"
explain "GET /api/v1/admin/audit-logs?userId=…" "$audit_select AND actor_id = '$user' $order LIMIT 51"
explain "GET /api/v1/admin/audit-logs?action=LICENSE_REVOKED" "$audit_select AND action = 'LICENSE_REVOKED' $order LIMIT 51"
explain "GET /api/v1/admin/audit-logs?subjectId=…" "$audit_select AND subject_id = md5('license42')::uuid::text $order LIMIT 51"
explain "GET /api/v1/admin/audit-logs?from=…&to=… (one week, a year ago)" "$audit_select AND occurred_at >= now() - interval '365 days' AND occurred_at < now() - interval '358 days' $order LIMIT 51"
explain "GET /api/v1/admin/audit-logs?userId=…&action=LICENSE_CREATED" "$audit_select AND actor_id = '$user' AND action = 'LICENSE_CREATED' $order LIMIT 51"
explain "GET /api/v1/admin/audit-logs?userId=… with Accept: text/csv (no limit)" "$audit_select AND actor_id = '$user' $order"
explain "console dashboard: sign-ups per day" "SELECT d.day::date AS day,
       (SELECT count(*) FROM auth.user_report u
        WHERE u.created_at >= d.day AT TIME ZONE 'UTC'
          AND u.created_at < (d.day + interval '1 day') AT TIME ZONE 'UTC') AS count
FROM generate_series(date_trunc('day', now() AT TIME ZONE 'UTC') - interval '29 days',
                     date_trunc('day', now() AT TIME ZONE 'UTC'), interval '1 day') AS d(day)
ORDER BY d.day"
explain "console dashboard: seats per plan" "SELECT p.plan, coalesce(c.seats, 0) AS seats
FROM unnest(ARRAY['free', 'pro', 'enterprise']::text[]) WITH ORDINALITY AS p(plan, position)
LEFT JOIN license.seat_report c ON c.plan = p.plan
ORDER BY p.position"
