#!/usr/bin/env bash
# Heartbeats and the cull at a fleet's scale, one command. Builds the packaged app; seeds BENCH_LICENSES
# (default 1,000,000) licenses in SQL on its embedded PostgreSQL (as bench/recorder.sh), 100 per user, all
# under one policy that requires heartbeats (interval 10 min, grace 2 min, cullAfter 1 h), each with a
# stored deadline an hour away; signs the tokens of the first 10,000 offline (bench/mint-tokens.py).
# Then, on one server (JVM options of Dockerfile.jvm, a 768 MiB container's heap), 16 connections:
#   1. /q/health/live, then heartbeats of those 10,000 machines (warm-up, measured): req/s, p50, p99, the
#      heartbeat/health ratio, and the database writes per second (statements and rows, from the metrics);
#   2. 10,000 other licenses made due for the cull (their cull time moved into the past in SQL), then the
#      time until the cull (every 1 s here) has deactivated all of them, with validate measured meanwhile.
# Writes its table into docs/PERFORMANCE.md (and target/bench/heartbeat.md).
# Needs wrk, psql (Debian: apt-get install -y wrk postgresql-client), python3 with python3-cryptography,
# openssl and curl. The seed is kept in target/bench/heartbeat-seed for later runs.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-8183}
LICENSES=${BENCH_LICENSES:-1000000}
PINGED=10000
DUE=${BENCH_DUE:-10000}
CONNECTIONS=16
THREADS=2
DURATION=${BENCH_DURATION:-20s}
WARMUP=${BENCH_WARMUP:-20s}
CONTAINER_MEMORY=${BENCH_CONTAINER_MEMORY:-768m}
OUT=target/bench
SEED=${BENCH_SEED:-$PWD/$OUT/heartbeat-seed}
LOG=$OUT/heartbeat-server.log
STARTED=$(date +%s)
# shellcheck source=bench/lib.sh
. bench/lib.sh

require_tools wrk psql python3 openssl curl
trap stop_server EXIT

start_server() {
  HL_DATA_DIR="$SEED/data" MP_JWT_VERIFY_PUBLICKEY_LOCATION="$SEED/public.pem" SMALLRYE_JWT_SIGN_KEY_LOCATION="$SEED/signing.pem" \
    JDK_JAVA_OPTIONS="$JVM_OPTIONS -XX:MaxRAM=$CONTAINER_MEMORY" launch_server "$LOG" -Dhl.license.heartbeat.cull-every=1s
}

measure() { # name script|- path
  local script=()
  [ "$2" = "-" ] || script=(-s "$2")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 10s --latency "${script[@]}" "$BASE$3" >"$OUT/$1-warmup.txt"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "${script[@]}" "$BASE$3" >"$OUT/$1.txt"
}

mkdir -p "$OUT" "$SEED"
: >"$LOG"
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  echo "bench: building the packaged application"
  ./mvnw -B -q ${BENCH_MAVEN_OPTS:-} package -DskipTests
fi
if [ ! -s "$SEED/signing.pem" ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$SEED/signing.pem" 2>/dev/null
  openssl pkey -in "$SEED/signing.pem" -pubout -out "$SEED/public.pem"
  rm -f "$SEED/tokens.tsv"
fi

start_server
PGUSER=$(sed -n 's/^owner\.user=//p' "$SEED/data/postgres-credentials.properties")
PGPASSWORD=$(sed -n 's/^owner\.password=//p' "$SEED/data/postgres-credentials.properties")
export PGUSER PGPASSWORD
# the embedded PostgreSQL takes a new port at every start of the server: read it each time
sql() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$(sed -n 4p "$SEED/data/postgres/postmaster.pid")" -d postgres -At "$@"; }
USERS=$(( (LICENSES + 99) / 100 ))
echo "bench: seeding $LICENSES licenses of $USERS users under a heartbeat policy (SQL)"
sql <<SQL
-- the per-row counters would update one row a million times in one transaction: seed without triggers, count after
SET session_replication_role = replica;
DELETE FROM license.licenses WHERE client_id LIKE 'client-%';
DELETE FROM license.subscriptions WHERE plan = 'bench-heartbeat';
SET session_replication_role = origin;
DELETE FROM license.plans WHERE code = 'bench-heartbeat';
DELETE FROM license.policies WHERE name = 'bench-heartbeat';
INSERT INTO license.policies (id, name, max_seats, duration_seconds, heartbeat_interval_seconds,
                              heartbeat_grace_seconds, cull_after_seconds, resurrect_within_seconds, created_at, updated_at)
VALUES (md5('bench-heartbeat')::uuid, 'bench-heartbeat', 1000, 31536000, 600, 120, 3600, 86400, now(), now());
INSERT INTO license.plans (code, policy_id, created_at) VALUES ('bench-heartbeat', md5('bench-heartbeat')::uuid, now());
SET session_replication_role = replica;
INSERT INTO license.subscriptions (id, user_id, plan, status, started_at, renews_at)
SELECT md5('subscription' || u)::uuid, md5('user' || u)::uuid, 'bench-heartbeat', 'active', now(), now() + interval '30 days'
FROM generate_series(1, $USERS) AS u;
INSERT INTO license.licenses (id, user_id, client_id, status, created_at, expires_at, updated_at,
                              heartbeat_deadline, cull_at)
SELECT md5('license' || i)::uuid, md5('user' || ((i - 1) / 100 + 1))::uuid, 'client-' || i, 'active',
       now(), now() + interval '365 days', now(), now() + interval '1 hour', now() + interval '2 hours'
FROM generate_series(1, $LICENSES) AS i;
SET session_replication_role = origin;
DELETE FROM license.license_status_counts;
INSERT INTO license.license_status_counts (status, backend, count)
SELECT status, 0, count(*) FROM license.licenses GROUP BY status;
DELETE FROM license.seat_counts;
INSERT INTO license.seat_counts (plan, backend, count)
SELECT s.plan, 0, count(*) FROM license.licenses l JOIN license.subscriptions s ON s.user_id = l.user_id
WHERE l.status IN ('active', 'suspended') GROUP BY s.plan;
SQL
sql -c "VACUUM (ANALYZE) license.licenses"
if [ ! -s "$SEED/tokens.tsv" ] || [ "$(wc -l <"$SEED/tokens.tsv")" -ne "$PINGED" ]; then
  echo "bench: signing $PINGED license tokens"
  python3 bench/mint-tokens.py "$SEED/signing.pem" "$PINGED" "$SEED/tokens.tsv" 2
fi
stop_server
start_server
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

echo "bench: /q/health/live"
measure health - /q/health/live
echo "bench: heartbeats of $PINGED machines"
statements_before=$(metric hl_license_heartbeats_statements_total)
written_before=$(metric hl_license_heartbeats_written_total)
sync_before=$(metric hl_license_heartbeats_synchronous_total)
hb_started=$(date +%s.%N)
TOKENS="$SEED/tokens.tsv" measure heartbeat bench/heartbeat.lua /api/v1/licenses/heartbeat
hb_seconds=$(awk -v a="$hb_started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
sleep 2 # the last flush
statements=$(( $(metric hl_license_heartbeats_statements_total) - statements_before ))
written=$(( $(metric hl_license_heartbeats_written_total) - written_before ))
synchronous=$(( $(metric hl_license_heartbeats_synchronous_total) - sync_before ))
load_heartbeat=$(cut -d' ' -f1-3 /proc/loadavg)

echo "bench: the cull of $DUE due licenses of $LICENSES, validate measured meanwhile"
sql -c "UPDATE license.licenses SET heartbeat_deadline = now() - interval '2 hours', cull_at = now() - interval '1 hour'
                 WHERE id IN (SELECT md5('license' || i)::uuid FROM generate_series($PINGED + 1, $PINGED + $DUE) AS i)"
cull_started=$(date +%s.%N)
TOKENS="$SEED/tokens.tsv" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency \
  -s bench/validate.lua "$BASE/api/v1/licenses/validate" >"$OUT/heartbeat-cull-validate.txt" &
WRK=$!
until [ "$(sql -c "SELECT count(*) FROM license.licenses WHERE culled_at IS NOT NULL")" -ge "$DUE" ]; do sleep 0.2; done
cull_seconds=$(awk -v a="$cull_started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
cull_inside=$(sql -c "SELECT round(extract(epoch FROM max(culled_at) - min(culled_at))::numeric, 2) FROM license.licenses WHERE culled_at IS NOT NULL")
wait "$WRK" || true
stop_server

read -r h_rps h_p50 h_p99 _ < <(summarize "$OUT/health.txt")
read -r b_rps b_p50 b_p99 b_bad < <(summarize "$OUT/heartbeat.txt")
read -r v_rps v_p50 v_p99 v_bad < <(summarize "$OUT/heartbeat-cull-validate.txt")
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (b > 0 ? 100 * a / b : 0) }'; }
per_second() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (b > 0 ? a / b : 0) }'; }
total=$(( $(date +%s) - STARTED ))

cat >"$OUT/heartbeat.md" <<MD
| | value |
|---|---|
| date | $(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD 2>/dev/null || echo "?")$(git diff --quiet 2>/dev/null || echo " (with local changes)") |
| machine | $(machine); load average at start $load_start, after the heartbeats $load_heartbeat |
| method | \`bench/heartbeat.sh\`: $LICENSES licenses (100 per user) under one policy (interval 10 min, grace 2 min, cullAfter 1 h), seeded in SQL; packaged JVM app, \`$JVM_OPTIONS -XX:MaxRAM=$CONTAINER_MEMORY\`; wrk $THREADS threads, $CONNECTIONS connections, $WARMUP warm-up then $DURATION measured, wrk and the embedded PostgreSQL 17 on the same machine; $total s in all |
| **heartbeats** ($PINGED machines) | **$b_rps req/s**, p50 $b_p50 ms, **p99 $b_p99 ms**, non-2xx $b_bad |
| /q/health/live | $h_rps req/s, p50 $h_p50 ms, p99 $h_p99 ms |
| **heartbeat / health** | **$(pct "$b_rps" "$h_rps") %** |
| **database writes** (warm-up and measured, $hb_seconds s) | **$(per_second "$statements" "$hb_seconds") statements/s** ($statements statements: batches of up to 5,000 rows and $synchronous pings written before their answer), $(per_second "$written" "$hb_seconds") rows/s in batches |
| **cull** of $DUE due licenses among $LICENSES | **$cull_seconds s** from making them due to the last one culled (the job runs every 1 s here, 10 s by default); $cull_inside s between the first and the last culled row |
| validate during the cull | $v_rps req/s, p50 $v_p50 ms, **p99 $v_p99 ms**, non-2xx $v_bad |
MD
cat "$OUT/heartbeat.md"
python3 bench/put-section.py bench/heartbeat.sh "$OUT/heartbeat.md" "Heartbeats and the cull (bench/heartbeat.sh)"
echo "bench: results written to docs/PERFORMANCE.md ($total s)"
