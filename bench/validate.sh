#!/usr/bin/env bash
# License validation load test, one command: builds the packaged app, starts it on its own data
# directory, seeds 10,000 licenses, then measures with wrk at 16 connections on the same server:
# validate req/s + p50/p99, /q/health/live as the ceiling, and activations/s.
# Needs wrk (Debian: apt-get install -y wrk) and python3. Prints a Markdown summary and keeps it in
# target/bench/validate.md. See docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-8181}
CONNECTIONS=16
THREADS=2
LICENSES=${BENCH_LICENSES:-10000}
DURATION=${BENCH_DURATION:-30s}
WARMUP=${BENCH_WARMUP:-15s}
ACTIVATION_DURATION=${BENCH_ACTIVATION_DURATION:-20s}
BASE="http://127.0.0.1:${PORT}"
OUT=target/bench
WORK=$(mktemp -d /tmp/hl-bench.XXXXXX)
SERVER=""

command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install -y wrk)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "bench: python3 is missing" >&2; exit 1; }

stop_server() {
  if [ -n "$SERVER" ]; then
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
    SERVER=""
  fi
}
trap 'stop_server; rm -rf "$WORK"' EXIT

# BENCH_SERVER_OPTS: extra JVM/config options for the measured server, e.g. pool or thread sizes
start_server() {
  HL_DATA_DIR="$WORK/data" java -Dquarkus.http.port="$PORT" -Dquarkus.log.level=WARN ${BENCH_SERVER_OPTS:-} "$@" \
    -jar target/quarkus-app/quarkus-run.jar >>"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 120); do
    if curl -fs "$BASE/q/health/ready" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "bench: the server did not start; log:" >&2
  tail -50 "$WORK/server.log" >&2
  exit 1
}

# wrk output → "req/s p50_ms p99_ms non2xx"
summarize() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, bad + 0 }' "$1"
}

run_wrk() { # name duration script|- path
  local name=$1 duration=$2 script=$3 path=$4
  if [ "$script" = "-" ]; then
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 10s --latency "$BASE$path" >"$OUT/$name.txt"
  else
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 10s --latency -s "$script" "$BASE$path" >"$OUT/$name.txt"
  fi
}

mkdir -p "$OUT"
echo "bench: building the packaged application"
./mvnw -B -q package -DskipTests

echo "bench: seeding $LICENSES licenses (cheap Argon2 parameters for seeding only)"
start_server -Dhl.auth.password.memory-kib=1024 -Dhl.auth.password.iterations=1
python3 bench/seed.py seed "$BASE" "$LICENSES" "$WORK/tokens.tsv"
stop_server

echo "bench: restarting with the production defaults"
start_server
python3 bench/seed.py check "$BASE" "$WORK/tokens.tsv" 50
python3 bench/seed.py users "$BASE" 16 "$WORK/users.tsv"

echo "bench: /q/health/live (warm-up $WARMUP, measure $DURATION)"
run_wrk health-warmup "$WARMUP" - /q/health/live
run_wrk health "$DURATION" - /q/health/live
echo "bench: GET /.well-known/jwks.json, a trivial endpoint of the REST stack (measure $DURATION)"
run_wrk jwks-warmup "$WARMUP" - /.well-known/jwks.json
run_wrk jwks "$DURATION" - /.well-known/jwks.json
echo "bench: validate (warm-up $WARMUP, measure $DURATION)"
TOKENS="$WORK/tokens.tsv" run_wrk validate-warmup "$WARMUP" bench/validate.lua /api/v1/licenses/validate
TOKENS="$WORK/tokens.tsv" run_wrk validate "$DURATION" bench/validate.lua /api/v1/licenses/validate
echo "bench: activations ($ACTIVATION_DURATION)"
USERS="$WORK/users.tsv" RUN="$(date +%s)" run_wrk activate "$ACTIVATION_DURATION" bench/activate.lua /api/v1/licenses/activate
python3 bench/seed.py check "$BASE" "$WORK/tokens.tsv" 50
stop_server

read -r h_rps h_p50 h_p99 h_bad < <(summarize "$OUT/health.txt")
read -r j_rps j_p50 j_p99 j_bad < <(summarize "$OUT/jwks.txt")
read -r v_rps v_p50 v_p99 v_bad < <(summarize "$OUT/validate.txt")
read -r a_rps a_p50 a_p99 a_bad < <(summarize "$OUT/activate.txt")
ratio=$(awk -v v="$v_rps" -v h="$h_rps" 'BEGIN { printf "%.0f", (h > 0 ? 100 * v / h : 0) }')
rest_ratio=$(awk -v v="$v_rps" -v j="$j_rps" 'BEGIN { printf "%.0f", (j > 0 ? 100 * v / j : 0) }')
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
java_version=$(java -version 2>&1 | head -1)

cat >"$OUT/validate.md" <<MD
| | value |
|---|---|
| date | $(date -u +%Y-%m-%dT%H:%MZ) |
| machine | $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GB RAM, $java_version |
| server options | ${BENCH_SERVER_OPTS:-defaults} |
| method | wrk (10 s timeout), $THREADS threads, $CONNECTIONS connections, $WARMUP warm-up then $DURATION measured; $LICENSES licenses, embedded PostgreSQL 17, packaged JVM app, load generator on the same machine |
| validate | $v_rps req/s, p50 $v_p50 ms, p99 $v_p99 ms, non-2xx $v_bad |
| /q/health/live (ceiling) | $h_rps req/s, p50 $h_p50 ms, p99 $h_p99 ms |
| /.well-known/jwks.json (REST stack, no database) | $j_rps req/s, p50 $j_p50 ms, p99 $j_p99 ms |
| validate / ceiling | $ratio % (validate / jwks: $rest_ratio %) |
| activations | $a_rps /s, p50 $a_p50 ms, p99 $a_p99 ms, non-2xx $a_bad (Argon2id m=19456 KiB, t=2) |
MD
cat "$OUT/validate.md"
# Keep the latest run in docs/PERFORMANCE.md, between its markers.
python3 bench/put-section.py bench/validate.sh "$OUT/validate.md"
echo "bench: results written to docs/PERFORMANCE.md"
if [ "$v_bad" -ne 0 ]; then echo "bench: validate had non-2xx responses" >&2; exit 1; fi
