#!/usr/bin/env bash
# Cluster benchmark, one command: three instances of the packaged app (target/quarkus-app/quarkus-run.jar)
# on one external PostgreSQL, behind HAProxy; wrk validates through HAProxy while bench/ClusterBench.java
# makes 60 parallel password guesses spread over the instances, runs a login storm and 400 schema changes
# on 20 tables, and kills one instance with SIGKILL mid-run. Writes the results into the
# "## Cluster" section of docs/PERFORMANCE.md.
#
# PostgreSQL: HL_BENCH_PG_HOST/HL_BENCH_PG_PORT (default 127.0.0.1:5432), reached as HL_BENCH_PG_ADMIN
# (default postgres, password from PGPASSWORD if needed). The script creates its own roles
# (hl_cluster_owner, hl_cluster_app) and databases (hl_cluster, the core; hl_cluster_target, the database
# the schema changes go to) and drops them at the end. Installs haproxy and wrk from Debian if missing.
# HL_BENCH_SECONDS (default 60): length of the loaded run. HL_BENCH_SKIP_BUILD=1 reuses the built jar.
set -euo pipefail
# the bench users stay on the default plan (only an admin adds seats): it gets enterprise's 100 seats (bench/seed.py)
export HL_LICENSE_SEATS_FREE=100
cd "$(dirname "$0")/.."

PG_HOST=${HL_BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${HL_BENCH_PG_PORT:-5432}
PG_ADMIN=${HL_BENCH_PG_ADMIN:-postgres}
SECONDS_RUN=${HL_BENCH_SECONDS:-60}
LB_PORT=${HL_BENCH_LB_PORT:-18090}
PORTS=(18091 18092 18093)
LICENSES=${HL_BENCH_LICENSES:-1000}
LB="http://127.0.0.1:$LB_PORT"
OUT=target/bench/cluster
WORK=$(mktemp -d /tmp/hl-cluster.XXXXXX)
PIDS=()
HAPROXY=""
WRK=""

for tool in haproxy wrk psql python3; do
  if ! command -v "$tool" >/dev/null; then
    [ "$tool" = psql ] && { echo "cluster: psql is missing (apt-get install -y postgresql-client)" >&2; exit 1; }
    echo "cluster: installing $tool"
    apt-get install -y -qq "$tool" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$tool" >/dev/null; }
  fi
done

admin_sql() { psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ADMIN" -d postgres "$@"; }

drop_everything() {
  admin_sql -c "DROP DATABASE IF EXISTS hl_cluster WITH (FORCE)" -c "DROP DATABASE IF EXISTS hl_cluster_target WITH (FORCE)" \
    -c "DROP ROLE IF EXISTS hl_cluster_app" -c "DROP ROLE IF EXISTS hl_cluster_owner" >/dev/null 2>&1 || true
}

cleanup() {
  [ -n "$WRK" ] && kill "$WRK" 2>/dev/null || true
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "$HAPROXY" ] && kill "$HAPROXY" 2>/dev/null || true
  mkdir -p "$OUT" && cp "$WORK"/*.log "$OUT"/ 2>/dev/null || true
  drop_everything
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ "${HL_BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  echo "cluster: building the packaged application"
  ./mvnw -B -q package -DskipTests
fi
[ -f target/bench-classpath.txt ] && [ target/bench-classpath.txt -nt pom.xml ] || \
  ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt

echo "cluster: roles, databases and keys"
java deploy/GenerateSecrets.java "$WORK/secrets" >/dev/null
drop_everything
admin_sql -v owner_pw="$(cat "$WORK/secrets/owner-password")" -v app_pw="$(cat "$WORK/secrets/app-password")" <<'SQL'
CREATE ROLE hl_cluster_owner LOGIN PASSWORD :'owner_pw';
CREATE ROLE hl_cluster_app LOGIN PASSWORD :'app_pw';
CREATE DATABASE hl_cluster OWNER hl_cluster_owner;
CREATE DATABASE hl_cluster_target OWNER hl_cluster_owner;
SQL
CORE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/hl_cluster"
TARGET_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/hl_cluster_target"

# Argon2 at 4 MiB (the tests' cost) rather than 19 MiB: seeding 1,000 activations at production cost
# would take minutes on this machine; the login storm still hashes on every login.
# The bench registers all its users through HAProxy, so from one client address: the registration limit
# (5 an hour per address) is lifted.
start_instance() { # index
  local i=$1
  QUARKUS_DATASOURCE_JDBC_URL="$CORE_URL" \
  QUARKUS_DATASOURCE_USERNAME=hl_cluster_app QUARKUS_FLYWAY_USERNAME=hl_cluster_owner \
  QUARKUS_CONFIG_LOCATIONS="file:$WORK/secrets/secrets.properties" \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="$WORK/secrets/verification-key.pem" \
  SMALLRYE_JWT_SIGN_KEY_LOCATION="$WORK/secrets/signing-key.pem" \
  HL_DATA_DIR="$WORK/data-$i" QUARKUS_HTTP_PORT="${PORTS[$i]}" \
  HL_SCHEMASYNC_ALLOWED_HOSTS=public,loopback HL_AUTH_PASSWORD_MEMORY_KIB=4096 HL_AUTH_RATE_LIMIT_REGISTRATIONS=1000000 \
    java -Xmx384m -XX:+UseSerialGC -jar target/quarkus-app/quarkus-run.jar >"$WORK/app$((i + 1)).log" 2>&1 &
  PIDS+=($!)
}
await_ready() { # port
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$1/q/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "cluster: the instance on port $1 did not start" >&2; tail -30 "$WORK"/app*.log >&2; exit 1
}

echo "cluster: starting three instances (the first migrates)"
start_instance 0
await_ready "${PORTS[0]}"
start_instance 1
start_instance 2
await_ready "${PORTS[1]}"
await_ready "${PORTS[2]}"
grep -q "Database: external PostgreSQL" "$WORK/app3.log" || { echo "cluster: not on the external database" >&2; exit 1; }

cat >"$WORK/haproxy.cfg" <<CFG
global
    maxconn 4096
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    retries 2
    option redispatch
frontend http
    bind 127.0.0.1:$LB_PORT
    http-request set-header X-Forwarded-For %[src]
    default_backend app
backend app
    balance roundrobin
    option httpchk GET /q/health/ready
    http-check expect status 200
    timeout check 5s
    default-server inter 1s fall 2 rise 1
    http-response set-header X-Served-By %s
    server app1 127.0.0.1:${PORTS[0]} check
    server app2 127.0.0.1:${PORTS[1]} check
    server app3 127.0.0.1:${PORTS[2]} check
CFG
haproxy -f "$WORK/haproxy.cfg" -db >"$WORK/haproxy.log" 2>&1 &
HAPROXY=$!
await_ready "$LB_PORT"

echo "cluster: seeding $LICENSES licenses through the load balancer"
python3 bench/seed.py seed "$LB" "$LICENSES" "$WORK/tokens.tsv"
python3 bench/seed.py check "$LB" "$WORK/tokens.tsv" 30

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "cluster: the loaded run (${SECONDS_RUN} s of wrk on validate; guesses, login storm, 400 changes, kill -9)"
TOKENS="$WORK/tokens.tsv" wrk -t2 -c8 -d"${SECONDS_RUN}s" --timeout 10s --latency -s bench/validate.lua \
  "$LB/api/v1/licenses/validate" >"$WORK/wrk.log" 2>&1 &
WRK=$!
INSTANCES="app1=${PORTS[0]}=${PIDS[0]},app2=${PORTS[1]}=${PIDS[1]},app3=${PORTS[2]}=${PIDS[2]}"
java -cp "$(cat target/bench-classpath.txt)" bench/ClusterBench.java "$LB" "$INSTANCES" \
  "$CORE_URL" hl_cluster_app "$(cat "$WORK/secrets/app-password")" \
  "$TARGET_URL" hl_cluster_owner "$(cat "$WORK/secrets/owner-password")" "$SECONDS_RUN" | tee "$WORK/results.tsv"
wait "$WRK" || true
WRK=""
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

value() { awk -F'\t' -v k="$1" '$1 == k { print $2 }' "$WORK/results.tsv"; }
read -r v_requests v_rps v_p50 v_p99 v_non2xx v_socket < <(awk '
  function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
  / requests in / { requests = $1 }
  /Requests\/sec:/ { rps = $2 }
  /^ +50%/ { p50 = ms($2) }
  /^ +99%/ { p99 = ms($2) }
  /Non-2xx or 3xx responses:/ { bad = $NF }
  /Socket errors:/ { gsub(",", ""); socket = $4 + $6 + $8 + $10 }
  END { printf "%d %.0f %.2f %.2f %d %d\n", requests, rps, p50, p99, bad + 0, socket + 0 }' "$WORK/wrk.log")
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')

cat >"$WORK/section.md" <<MD
| | result |
|---|---|
| date | $(date -u +%Y-%m-%dT%H:%MZ) |
| machine | $(nproc) cores ($CPU), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(java -version 2>&1 | head -1); load average before/after the run: $LOAD_BEFORE / $LOAD_AFTER (shared machine) |
| method | \`bench/cluster.sh\`: 3 packaged JVM instances (\`-Xmx384m -XX:+UseSerialGC\`, Argon2 at 4 MiB) on PostgreSQL $(psql -X -At -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ADMIN" -d postgres -c 'SHOW server_version' | cut -d' ' -f1) at $PG_HOST:$PG_PORT (owner and runtime roles), HAProxy $(haproxy -v | head -1 | awk '{print $3}') round robin (readiness checked every 1 s, 5 s check timeout, retries + redispatch); wrk 2 threads × 8 connections on validate over $LICENSES licenses for ${SECONDS_RUN} s; meanwhile 4 threads of right-password logins, and 400 changes on 20 tables (one burst of 20 per tick, 20 ticks over 3/4 of the run); during tick 8 the target tables are locked (ACCESS SHARE) so that the burst's ALTERs wait; once 3/4 of the burst is claimed, the instance that accepted most of it gets SIGKILL, and the locks go 1 s later (its orphaned ALTERs then get their lock, but PostgreSQL's DDL runs in a transaction that their dead client never commits); a claim pending at the kill that is claimed again (attempts grew) was the dead instance's |
| password guesses | $(value guesses) (allowance: 5) |
| schema changes | $(value changes) |
| per-table order | $(value order) |
| killed | $(value killed) |
| takeover of its claims | $(value takeover) (lease \`hl.schemasync.claim-timeout\` 6 s, poll 1 s) |
| request→confirmed, confirmed by another instance | $(value cross) |
| request→confirmed, confirmed by the accepting instance | $(value same) |
| validate (wrk through HAProxy) | $v_requests requests, $v_rps req/s, p50 $v_p50 ms, p99 $v_p99 ms; errors: $v_non2xx non-2xx, $v_socket socket errors |
| login storm (status: count) | $(value storm) |
MD
cat "$WORK/section.md"

python3 bench/put-section.py bench/cluster.sh "$WORK/section.md" Cluster
echo "cluster: results written to docs/PERFORMANCE.md"
[ "$(value ok)" = true ] && [ "$(value guesses_checked)" -le 5 ] || { echo "cluster: a check failed" >&2; exit 1; }
