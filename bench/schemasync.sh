#!/usr/bin/env bash
# schemasync benchmark: packages the app, starts it on its own port and data directory, runs
# bench/SchemaSyncBench.java against a PostgreSQL and a MariaDB target, and writes the results to the
# "## schemasync" section of docs/PERFORMANCE.md.
#
# Targets (servers, not databases; the bench creates fresh databases on them):
#   HL_BENCH_POSTGRES_URL  default jdbc:postgresql://127.0.0.1:5432/  (user postgres, no password)
#   HL_BENCH_MARIADB_URL   default jdbc:mariadb://127.0.0.1:3306/     (user root, no password)
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${HL_BENCH_PORT:-8282}"
POSTGRES_URL="${HL_BENCH_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/}"
MARIADB_URL="${HL_BENCH_MARIADB_URL:-jdbc:mariadb://127.0.0.1:3306/}"
DATA_DIR="$(mktemp -d /tmp/hl-bench.XXXXXX)"

./mvnw -B -q package -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt

HL_DATA_DIR="$DATA_DIR" QUARKUS_HTTP_PORT="$PORT" QUARKUS_LOG_LEVEL=WARN \
  java -jar target/quarkus-app/quarkus-run.jar > "$DATA_DIR/server.log" 2>&1 &
SERVER_PID=$!
cleanup() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$DATA_DIR"
}
trap cleanup EXIT

for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { cat "$DATA_DIR/server.log"; exit 1; }

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
RESULTS="$(java -cp "$(cat target/bench-classpath.txt)" bench/SchemaSyncBench.java \
  "http://127.0.0.1:$PORT" "$POSTGRES_URL" "$MARIADB_URL")"

CPU="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo unknown)"
SECTION="$(mktemp)"
{
  echo "## schemasync"
  echo
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) with \`bench/schemasync.sh\` on $(nproc) cores ($CPU), $(free -g | awk '/Mem:/ {print $2}') GiB RAM,"
  echo "load average before the run: $LOAD_BEFORE (the machine is shared: other builds may run at the same time);"
  echo "$(java -version 2>&1 | head -1); packaged JVM app with default settings (8 workers, embedded core PostgreSQL);"
  echo "targets: PostgreSQL at \`$POSTGRES_URL\`, MariaDB at \`$MARIADB_URL\` on the same machine."
  echo "Method: per target, 20 client threads create 10 tables each (200 creations), then add 10 columns each to"
  echo "their own table (200 changes, 20 tables in parallel, each table's changes queued in order). API latency is"
  echo "the client's request time; request→confirmed is the time between the request event and the ChangeConfirmed"
  echo "event in the event store (so it includes queueing behind the same table's earlier changes)."
  echo "Then one client sends 60 add-column changes one at a time with \`Prefer: wait=30\` (the first 10 not counted):"
  echo "its API column is the client's time until the confirmed answer."
  echo "Each target first gets one unmeasured round of the same work (JIT and connection warm-up)."
  echo "The floor runs the same DDL directly over JDBC with 20 threads."
  echo
  echo "$RESULTS"
} > "$SECTION"

DOC=docs/PERFORMANCE.md
mkdir -p docs
[ -f "$DOC" ] || printf '# Performance\n\n' > "$DOC"
# Replace the "## schemasync" section (up to the next "## " heading), keep everything else.
awk -v section="$SECTION" '
  /^## schemasync[[:space:]]*$/ { skipping = 1; while ((getline line < section) > 0) print line; print ""; next }
  skipping && /^## / { skipping = 0 }
  !skipping { print }
' "$DOC" > "$DOC.new"
grep -q '^## schemasync' "$DOC.new" || { echo; cat "$SECTION"; } >> "$DOC.new"
mv "$DOC.new" "$DOC"
rm -f "$SECTION"
echo "Results written to $DOC"
