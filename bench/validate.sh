#!/usr/bin/env bash
# License validation load test, one command: builds the packaged app, starts it on its own data
# directory (embedded PostgreSQL), seeds 10,000 licenses, restarts it with the JVM options of
# Dockerfile.jvm (the README's container recommendation) and measures in one run on that one server,
# all at 16 connections: /q/health/live, a trivial REST endpoint, validate, `pgbench -S` against the
# same PostgreSQL, validate again while a login storm runs, activations, and the JVM's resident memory
# after the run. Writes its table into docs/PERFORMANCE.md (and target/bench/validate.md).
# Needs wrk, pgbench (Debian: apt-get install -y wrk postgresql-client) and python3.
# BENCH_REUSE_SEED=1 keeps the seeded data directory in target/bench/seed and reuses it in later runs.
# BENCH_VARIANTS: extra server options, separated by '|', each measured afterwards on a restarted
# server against its own /q/health/live (e.g. "-Dhl.license.validation.batch-size=1").
set -euo pipefail
# the bench users stay on the default plan (only an admin adds seats): it gets enterprise's 100 seats (bench/seed.py)
export HL_LICENSE_SEATS_FREE=100
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-8181}
CONNECTIONS=16
THREADS=2
LICENSES=${BENCH_LICENSES:-10000}
DURATION=${BENCH_DURATION:-20s}
WARMUP=${BENCH_WARMUP:-30s}
STORM_CONNECTIONS=${BENCH_STORM_CONNECTIONS:-4}
ACTIVATION_DURATION=${BENCH_ACTIVATION_DURATION:-15s}
# the container's memory limit, simulated: MaxRAMPercentage then sizes the heap as in the container
CONTAINER_MEMORY=${BENCH_CONTAINER_MEMORY:-768m}
OUT=target/bench
WORK=$(mktemp -d /tmp/hl-bench.XXXXXX)
SEED=$WORK
[ -z "${BENCH_REUSE_SEED:-}" ] || SEED=$PWD/$OUT/seed
STARTED=$(date +%s)
# shellcheck source=bench/lib.sh
. bench/lib.sh

require_tools wrk pgbench python3 curl
trap 'stop_server; rm -rf "$WORK"' EXIT

# BENCH_SERVER_OPTS: extra JVM/config options for the measured server, e.g. pool or thread sizes
# The seeding registers every user from this one address: the registration limit (5 an hour) is lifted.
start_server() {
  HL_AUTH_RATE_LIMIT_REGISTRATIONS=1000000 HL_DATA_DIR="$SEED/data" JDK_JAVA_OPTIONS="$JVM_OPTIONS -XX:MaxRAM=$CONTAINER_MEMORY" \
    launch_server "$WORK/server.log" "$@"
}

run_wrk() { # name connections duration script|- path
  local name=$1 connections=$2 duration=$3 script=$4 path=$5
  if [ "$script" = "-" ]; then
    wrk -t"$THREADS" -c"$connections" -d"$duration" --timeout 10s --latency "$BASE$path" >"$OUT/$name.txt"
  else
    wrk -t"$THREADS" -c"$connections" -d"$duration" --timeout 10s --latency -s "$script" "$BASE$path" >"$OUT/$name.txt"
  fi
}

measure() { # name script|- path: warm-up, then measured; the load average after it is kept
  run_wrk "$1-warmup" "$CONNECTIONS" "$WARMUP" "$2" "$3"
  run_wrk "$1" "$CONNECTIONS" "$DURATION" "$2" "$3"
  load >"$OUT/$1.load"
}

validate_wrk() { TOKENS="$SEED/tokens.tsv" measure "$1" bench/validate.lua /api/v1/licenses/validate; }

mkdir -p "$OUT"
rm -f "$OUT"/*.txt "$OUT"/*.load "$OUT"/*.md
echo "bench: building the packaged application"
./mvnw -B -q package -DskipTests

if [ -s "$SEED/users.tsv" ] && [ "$(wc -l <"$SEED/tokens.tsv")" -eq "$LICENSES" ]; then
  echo "bench: reusing the $LICENSES licenses seeded in $SEED"
else
  echo "bench: seeding $LICENSES licenses (cheap Argon2 parameters for seeding only)"
  [ "$SEED" = "$WORK" ] || { rm -rf "$SEED" && mkdir -p "$SEED"; }
  start_server -Dhl.auth.password.memory-kib=1024 -Dhl.auth.password.iterations=1
  python3 bench/seed.py seed "$BASE" "$LICENSES" "$SEED/tokens.tsv"
  python3 bench/seed.py users "$BASE" 16 "$SEED/users.tsv"
  stop_server
fi

echo "bench: restarting with the production defaults and JDK_JAVA_OPTIONS=\"$JVM_OPTIONS\" -XX:MaxRAM=$CONTAINER_MEMORY"
start_server
python3 bench/seed.py check "$BASE" "$SEED/tokens.tsv" 50
load_start=$(load)

echo "bench: /q/health/live (warm-up $WARMUP, measure $DURATION)"
measure health - /q/health/live
echo "bench: GET /.well-known/jwks.json, a trivial endpoint of the REST stack"
measure jwks - /.well-known/jwks.json
echo "bench: validate"
validate_wrk validate

echo "bench: pgbench -S on the same PostgreSQL, $CONNECTIONS connections"
PG_PORT=$(sed -n 4p "$SEED/data/postgres/postmaster.pid")
PG_USER=$(sed -n 's/^owner\.user=//p' "$SEED/data/postgres-credentials.properties")
export PGPASSWORD
PGPASSWORD=$(sed -n 's/^owner\.password=//p' "$SEED/data/postgres-credentials.properties")
PGBENCH=(pgbench -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" postgres)
"${PGBENCH[@]}" -i -q -s 1 >"$OUT/pgbench-init.txt" 2>&1
"${PGBENCH[@]}" -n -S -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "${WARMUP%s}" >/dev/null 2>&1
"${PGBENCH[@]}" -n -S -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "${DURATION%s}" >"$OUT/pgbench.txt" 2>&1
load >"$OUT/pgbench.load"
"${PGBENCH[@]}" -i -I d >/dev/null 2>&1 || true
unset PGPASSWORD

echo "bench: validate during a login storm ($STORM_CONNECTIONS connections of correct logins: Argon2id)"
USERS="$SEED/users.tsv" LOGIN=1 run_wrk storm-warmup "$STORM_CONNECTIONS" "$WARMUP" bench/activate.lua /api/v1/auth/login
USERS="$SEED/users.tsv" LOGIN=1 run_wrk storm "$STORM_CONNECTIONS" "$DURATION" bench/activate.lua /api/v1/auth/login &
STORM=$!
sleep 1
TOKENS="$SEED/tokens.tsv" run_wrk validate-storm "$CONNECTIONS" "$(( ${DURATION%s} - 2 ))s" bench/validate.lua /api/v1/licenses/validate
load >"$OUT/validate-storm.load"
wait "$STORM"

echo "bench: activations ($ACTIVATION_DURATION)"
USERS="$SEED/users.tsv" RUN="$(date +%s)" run_wrk activate "$CONNECTIONS" "$ACTIVATION_DURATION" bench/activate.lua /api/v1/licenses/activate
python3 bench/seed.py check "$BASE" "$SEED/tokens.tsv" 50
sleep 5
rss_mib=$(( $(ps -o rss= -p "$SERVER") / 1024 ))
stop_server

variants=""
if [ -n "${BENCH_VARIANTS:-}" ]; then
  IFS='|' read -ra VARIANT_LIST <<<"$BENCH_VARIANTS"
  i=0
  for variant in "${VARIANT_LIST[@]}"; do
    i=$((i + 1))
    echo "bench: variant $i: $variant"
    # shellcheck disable=SC2086
    start_server $variant
    measure "variant$i-health" - /q/health/live
    validate_wrk "variant$i-validate"
    stop_server
    read -r vh _ _ _ < <(summarize "$OUT/variant$i-health.txt")
    read -r vv v50 v99 vbad < <(summarize "$OUT/variant$i-validate.txt")
    variants+="| variant \`$variant\` | validate $vv req/s, p50 $v50 ms, p99 $v99 ms, non-2xx $vbad; /q/health/live $vh req/s; validate/health $(awk -v v="$vv" -v h="$vh" 'BEGIN { printf "%.0f", (h > 0 ? 100 * v / h : 0) }') %; load $(cat "$OUT/variant$i-validate.load") |"$'\n'
  done
fi

read -r h_rps h_p50 h_p99 h_bad < <(summarize "$OUT/health.txt")
read -r j_rps j_p50 j_p99 j_bad < <(summarize "$OUT/jwks.txt")
read -r v_rps v_p50 v_p99 v_bad < <(summarize "$OUT/validate.txt")
read -r s_rps s_p50 s_p99 s_bad < <(summarize "$OUT/validate-storm.txt")
read -r l_rps l_p50 l_p99 l_bad < <(summarize "$OUT/storm.txt")
read -r a_rps a_p50 a_p99 a_bad < <(summarize "$OUT/activate.txt")
pg_tps=$(awk '/^tps = / { printf "%.0f", $3 }' "$OUT/pgbench.txt")
pg_latency=$(awk '/^latency average/ { print $4 }' "$OUT/pgbench.txt")
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (b > 0 ? 100 * a / b : 0) }'; }
total=$(( $(date +%s) - STARTED ))

cat >"$OUT/validate.md" <<MD
| | value |
|---|---|
| date | $(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD 2>/dev/null || echo "?")$(git diff --quiet 2>/dev/null || echo " (with local changes)") |
| machine | $(machine) |
| load average (1, 5, 15 min) | at start $load_start; after health $(cat "$OUT/health.load"), REST $(cat "$OUT/jwks.load"), validate $(cat "$OUT/validate.load"), pgbench $(cat "$OUT/pgbench.load"), storm $(cat "$OUT/validate-storm.load") |
| JVM options | \`$JVM_OPTIONS\`, \`MALLOC_ARENA_MAX=${MALLOC_ARENAS:-unset}\` (Dockerfile.jvm), \`-XX:MaxRAM=$CONTAINER_MEMORY\` (the container limit) ${BENCH_SERVER_OPTS:-} |
| method | wrk (10 s timeout), $THREADS threads, $CONNECTIONS connections, $WARMUP warm-up then $DURATION measured; $LICENSES licenses (validate with clientId); embedded PostgreSQL 17; packaged JVM app; wrk, pgbench and PostgreSQL on the same machine; $total s in all |
| **validate** | **$v_rps req/s**, p50 $v_p50 ms, **p99 $v_p99 ms**, non-2xx $v_bad |
| /q/health/live | $h_rps req/s, p50 $h_p50 ms, p99 $h_p99 ms |
| GET /.well-known/jwks.json (REST no-op) | $j_rps req/s, p50 $j_p50 ms, p99 $j_p99 ms |
| pgbench -S -M prepared (same PostgreSQL, $CONNECTIONS connections) | $pg_tps tps, latency average $pg_latency ms |
| **validate / health** | **$(pct "$v_rps" "$h_rps") %** |
| validate / REST no-op | $(pct "$v_rps" "$j_rps") % |
| validate / pgbench | $(pct "$v_rps" "$pg_tps") % |
| validate during a login storm | $s_rps req/s, p50 $s_p50 ms, **p99 $s_p99 ms**, non-2xx $s_bad; the storm: $l_rps logins/s ($STORM_CONNECTIONS connections), p99 $l_p99 ms, non-2xx $l_bad |
| activations | $a_rps /s, p50 $a_p50 ms, p99 $a_p99 ms, non-2xx $a_bad (bounded by Argon2id m=19456 KiB, t=2 by design) |
| JVM resident memory after the run | $rss_mib MiB |
${variants}
MD
cat "$OUT/validate.md"
# Keep the latest run in docs/PERFORMANCE.md, between its markers.
python3 bench/put-section.py bench/validate.sh "$OUT/validate.md"
echo "bench: results written to docs/PERFORMANCE.md ($total s)"
if [ "$v_bad" -ne 0 ] || [ "$s_bad" -ne 0 ]; then echo "bench: validate had non-2xx responses or socket errors" >&2; exit 1; fi
