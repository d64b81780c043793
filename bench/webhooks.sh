#!/usr/bin/env bash
# Webhooks at 1,000 events/s, one command. Builds the packaged app, starts it on its own data directory
# (embedded PostgreSQL, production defaults but loopback http endpoints allowed), seeds 5,000 licenses of
# the first admin in SQL, then bench/WebhooksBench.java: BENCH_RATE (1,000) license status changes per
# second committed, open loop, as admins' status-batch requests of BENCH_PER_REQUEST (50) licenses each (one
# transaction, one event per license; blocks suspended and reactivated in turn), first with no endpoint,
# then with three endpoints hearing license.status_changed on a receiver in the client (3,000 deliveries/s):
# the committing request's latency without and with the outbox rows, and commit→delivered p50/p99 over
# every delivery.
# Writes its table into docs/PERFORMANCE.md (and target/bench/webhooks.md). Needs psql, java and curl.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-8184}
RATE=${BENCH_RATE:-1000}
PER_REQUEST=${BENCH_PER_REQUEST:-50}
LICENSES=5000
SECONDS_MEASURED=${BENCH_SECONDS:-20}
OUT=target/bench
WORK=$(mktemp -d /tmp/hl-bench-webhooks.XXXXXX)
LOG=$OUT/webhooks-server.log
STARTED=$(date +%s)
ADMIN_EMAIL=bench-admin@example.test
ADMIN_PASSWORD=bench-admin-password-$RANDOM$RANDOM
# shellcheck source=bench/lib.sh
. bench/lib.sh

require_tools psql java curl
trap 'stop_server; rm -rf "$WORK"' EXIT

mkdir -p "$OUT"
: >"$LOG"
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  echo "bench: building the packaged application"
  ./mvnw -B -q ${BENCH_MAVEN_OPTS:-} package -DskipTests
fi

HL_DATA_DIR="$WORK/data" HL_ADMIN_EMAIL="$ADMIN_EMAIL" HL_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  JDK_JAVA_OPTIONS="$JVM_OPTIONS -XX:MaxRAM=768m" \
  launch_server "$LOG" -Dhl.webhooks.allowed-hosts=loopback -Dhl.webhooks.allow-http=true
PGUSER=$(sed -n 's/^owner\.user=//p' "$WORK/data/postgres-credentials.properties")
PGPASSWORD=$(sed -n 's/^owner\.password=//p' "$WORK/data/postgres-credentials.properties")
export PGUSER PGPASSWORD
sql() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$(sed -n 4p "$WORK/data/postgres/postmaster.pid")" -d postgres -At "$@"; }
echo "bench: seeding $LICENSES licenses"
sql <<SQL
SET session_replication_role = replica;
INSERT INTO license.licenses (id, user_id, client_id, status, created_at, expires_at, updated_at)
SELECT gen_random_uuid(), u.id, 'bench-' || i, 'active', now(), now() + interval '365 days', now()
FROM auth.users u, generate_series(1, $LICENSES) AS i WHERE u.email = '$ADMIN_EMAIL';
SQL
sql -c "SELECT l.id FROM license.licenses l JOIN auth.users u ON u.id = l.user_id WHERE u.email = '$ADMIN_EMAIL'" >"$WORK/licenses"

load_start=$(load)
echo "bench: $RATE status changes/s ($PER_REQUEST per request) for $SECONDS_MEASURED s without endpoints, then with three"
java -Xmx512m bench/WebhooksBench.java "$BASE" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "$WORK/licenses" "$RATE" "$SECONDS_MEASURED" "$PER_REQUEST" \
  | tee "$OUT/webhooks-client.txt"
load_end=$(load)
pending=$(sql -c "SELECT count(*) FROM webhooks.delivery WHERE status = 'pending'")
stop_server

value() { awk -F'\t' -v key="$1" '$1 == key { print $2 }' "$OUT/webhooks-client.txt"; }
total=$(( $(date +%s) - STARTED ))
cat >"$OUT/webhooks.md" <<MD
| | value |
|---|---|
| date | $(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD 2>/dev/null || echo "?")$(git diff --quiet 2>/dev/null || echo " (with local changes)") |
| machine | $(machine); load average at start $load_start, at the end $load_end (shared machine) |
| method | \`bench/WebhooksBench.java\`: $RATE license status changes/s committed, open loop, as admins' \`POST /api/v1/admin/licenses/status-batch\` of $PER_REQUEST licenses each (one transaction, $PER_REQUEST events) over $LICENSES licenses, $SECONDS_MEASURED s measured each (10 s warm-up first); one packaged JVM app (\`$JVM_OPTIONS -XX:MaxRAM=768m\`), embedded PostgreSQL, default webhook settings; receiver (JDK \`HttpServer\`, 204) in the client; $total s in all |
| committing request ($PER_REQUEST events), no endpoint | $(value without_rate) events/s, p50 $(value without_p50) ms, p99 $(value without_p99) ms |
| committing request ($PER_REQUEST events), 3 endpoints ($((PER_REQUEST * 3)) outbox rows + NOTIFY) | $(value with_rate) events/s, p50 $(value with_p50) ms, p99 $(value with_p99) ms |
| deliveries received | $(value deliveries) (still pending at the end: $pending) |
| **commit→delivered** (target p50 ≤ 50 ms, p99 ≤ 500 ms) | **p50 $(value delivered_p50) ms, p99 $(value delivered_p99) ms**, max $(value delivered_max) ms |
MD
cat "$OUT/webhooks.md"
python3 bench/put-section.py bench/webhooks.sh "$OUT/webhooks.md" "Webhooks (bench/webhooks.sh)"
echo "bench: results written to docs/PERFORMANCE.md ($total s)"
