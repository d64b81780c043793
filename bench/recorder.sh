#!/usr/bin/env bash
# The validation-time recorder at a fleet's scale, one command: 1,000,000 distinct licenses validated
# within one recording interval. Builds the packaged app; seeds the licenses in SQL (as
# bench/seed-reporting.sh) on the app's embedded PostgreSQL, and their tokens offline with a key of its own
# (bench/mint-tokens.py; both kept in target/bench/recorder-seed for later runs); starts the app with the
# JVM options of Dockerfile.jvm and a 768 MiB container's heap; validates every license once (wrk, 16
# connections), then, while the recorder writes them in the next interval, validates 10,000 of them for 60 s.
# Measures the heap after a full GC (before, with every license pending, after the writes), the rows
# written per second (paced, and inside the statements), and validate's latency in both phases.
# Writes its table into docs/PERFORMANCE.md (and target/bench/recorder.md).
# Needs wrk, psql (Debian: apt-get install -y wrk postgresql-client), python3 with python3-cryptography,
# openssl, curl and the JDK's jcmd. BENCH_LICENSES (default 1000000), BENCH_RECORD_EVERY (the interval,
# default 5m: validating a million distinct tokens, each an RSA check, takes minutes on 2 cores).
set -euo pipefail
# the bench users stay on the default plan (only an admin adds seats): it gets enterprise's 100 seats (bench/seed.py)
export HL_LICENSE_SEATS_FREE=100
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-8182}
LICENSES=${BENCH_LICENSES:-1000000}
RECORD_EVERY=${BENCH_RECORD_EVERY:-5m}
CONNECTIONS=16
THREADS=2
CONTAINER_MEMORY=${BENCH_CONTAINER_MEMORY:-768m}
OUT=target/bench
SEED=${BENCH_SEED:-$PWD/$OUT/recorder-seed}
LOG=$OUT/recorder-server.log
SAMPLER=""
STARTED=$(date +%s)
# shellcheck source=bench/lib.sh
. bench/lib.sh

require_tools wrk psql python3 openssl curl jcmd
stop_sampler() { [ -z "$SAMPLER" ] || { kill "$SAMPLER" 2>/dev/null || true; SAMPLER=""; }; }
SERVER_STOP_HOOK=stop_sampler
trap stop_server EXIT

start_server() {
  HL_DATA_DIR="$SEED/data" MP_JWT_VERIFY_PUBLICKEY_LOCATION="$SEED/public.pem" SMALLRYE_JWT_SIGN_KEY_LOCATION="$SEED/signing.pem" \
    JDK_JAVA_OPTIONS="$JVM_OPTIONS -XX:MaxRAM=$CONTAINER_MEMORY" launch_server "$LOG" -Dhl.license.validation.record-every="$RECORD_EVERY"
}

validations() { # answered so far, every result
  curl -fs "$BASE/q/metrics" | awk '/^hl_license_validations_seconds_count/ { n += $2 } END { printf "%.0f\n", n }'
}

heap_mib() { # the heap in use after a full collection
  jcmd "$SERVER" GC.run >/dev/null
  jcmd "$SERVER" GC.heap_info | awk '/generation +total/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); kb += v } }
    END { printf "%.0f", kb / 1024 }'
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
seeded=""
if [ "$(sql -c "SELECT count(*) FROM license.licenses WHERE client_id LIKE 'client-%'")" -ne "$LICENSES" ]; then
  echo "bench: seeding $LICENSES licenses in SQL"
  seeded=1
  sql <<SQL
DELETE FROM license.licenses WHERE client_id LIKE 'client-%';
-- the per-row counters would update one row a million times in one transaction: seed without triggers, count after
SET session_replication_role = replica;
INSERT INTO license.licenses (id, user_id, client_id, status, created_at, expires_at, updated_at)
SELECT md5('license' || i)::uuid, md5('user' || (i % 10000 + 1))::uuid, 'client-' || i, 'active',
       now(), now() + interval '365 days', now()
FROM generate_series(1, $LICENSES) AS i;
SET session_replication_role = origin;
DELETE FROM license.license_status_counts;
INSERT INTO license.license_status_counts (status, backend, count)
SELECT status, 0, count(*) FROM license.licenses GROUP BY status;
SQL
fi
# BENCH_PREPARE=1: only the database (tokens can be signed meanwhile by hand with bench/mint-tokens.py)
[ -z "${BENCH_PREPARE:-}" ] || { echo "bench: database prepared"; exit 0; }
if [ ! -s "$SEED/tokens.tsv" ] || [ "$(wc -l <"$SEED/tokens.tsv")" -ne "$LICENSES" ]; then
  echo "bench: signing $LICENSES license tokens (minutes)"
  python3 bench/mint-tokens.py "$SEED/signing.pem" "$LICENSES" "$SEED/tokens.tsv" 2
fi
sql -c "UPDATE license.licenses SET last_validated_at = NULL WHERE last_validated_at IS NOT NULL"
sql -c "VACUUM (ANALYZE) license.licenses"
head -n 10000 "$SEED/tokens.tsv" >"$OUT/recorder-10k.tsv"
python3 bench/seed.py check "$BASE" "$OUT/recorder-10k.tsv" 50

# a fresh server's first recording round starts with it, so that the pass below falls within one interval
if [ -n "$seeded" ]; then
  stop_server
  start_server
fi
heap_before=$(heap_mib)
( while sleep 5; do
    echo "$(date +%s) $(metric hl_license_validation_times_pending) $(metric hl_license_validation_times_written_total) $(metric hl_license_validation_times_dropped_total)"
  done >"$OUT/recorder-samples.txt" 2>/dev/null ) &
SAMPLER=$!

echo "bench: validating each of the $LICENSES licenses once (interval $RECORD_EVERY)"
answered_before=$(validations)
pass_started=$(date +%s)
# wrk's threads stop after their share, but wrk itself waits out -d: interrupted (it then reports) once all are answered
TOKENS="$SEED/tokens.tsv" WRK_THREADS=$THREADS wrk -t"$THREADS" -c"$CONNECTIONS" -d600m --timeout 10s --latency \
  -s bench/recorder.lua "$BASE/api/v1/licenses/validate" >"$OUT/recorder-pass.txt" &
WRK=$!
while kill -0 "$WRK" 2>/dev/null && [ $(( $(validations) - answered_before )) -lt "$LICENSES" ]; do sleep 1; done
pass_seconds=$(( $(date +%s) - pass_started ))
kill -INT "$WRK" 2>/dev/null || true
wait "$WRK" || true
not_valid=$(awk '/^not VALID:/ { print $3 }' "$OUT/recorder-pass.txt")
pending_after_pass=$(metric hl_license_validation_times_pending)
written_during_pass=$(metric hl_license_validation_times_written_total)
dropped=$(metric hl_license_validation_times_dropped_total)
heap_pending=$(heap_mib)

echo "bench: waiting for the next round's writes to start"
until [ "$pending_after_pass" -eq 0 ] || [ "$(metric hl_license_validation_times_written_total)" -gt "$written_during_pass" ]; do sleep 1; done
writes_started=$(date +%s)
echo "bench: validate (10,000 licenses, 60 s) while the recorder writes"
TOKENS="$OUT/recorder-10k.tsv" wrk -t"$THREADS" -c"$CONNECTIONS" -d60s --timeout 10s --latency \
  -s bench/validate.lua "$BASE/api/v1/licenses/validate" >"$OUT/recorder-meanwhile.txt"
echo "bench: waiting for every validated license to be written"
written_meanwhile=$(( $(metric hl_license_validation_times_written_total) - written_during_pass ))
meanwhile_seconds=$(( $(date +%s) - writes_started ))
# the round that was due after the pass: every license of the pass not written yet
until [ "$(metric hl_license_validation_times_written_total)" -ge $(( written_during_pass + pending_after_pass )) ]; do sleep 2; done
writes_seconds=$(( $(date +%s) - writes_started ))
written=$(metric hl_license_validation_times_written_total)
statements=$(curl -fs "$BASE/q/metrics" | awk '/^hl_license_validation_times_writes_seconds_count/ { c = $2 } /^hl_license_validation_times_writes_seconds_sum/ { s = $2 } END { printf "%.0f %.1f\n", c, s }')
read -r statement_count statement_seconds <<<"$statements"
heap_after=$(heap_mib)
rss_mib=$(( $(ps -o rss= -p "$SERVER") / 1024 ))
in_db=$(sql -c "SELECT count(*) FROM license.licenses WHERE client_id LIKE 'client-%' AND last_validated_at IS NOT NULL")
stop_server

read -r _ p_p50 p_p99 p_bad < <(summarize "$OUT/recorder-pass.txt")
p_rps=$(( LICENSES / (pass_seconds > 0 ? pass_seconds : 1) ))
read -r m_rps m_p50 m_p99 m_bad < <(summarize "$OUT/recorder-meanwhile.txt")
paced=$(awk -v w="$written_meanwhile" -v t="$meanwhile_seconds" 'BEGIN { printf "%.0f", (t > 0 ? w / t : 0) }')
capacity=$(awk -v w="$written" -v s="$statement_seconds" 'BEGIN { printf "%.0f", (s > 0 ? w / s : 0) }')
total=$(( $(date +%s) - STARTED ))

cat >"$OUT/recorder.md" <<MD
| | value |
|---|---|
| date | $(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD 2>/dev/null || echo "?")$(git diff --quiet 2>/dev/null || echo " (with local changes)") |
| machine | $(machine); load average at the end $(cut -d' ' -f1-3 /proc/loadavg) |
| method | \`bench/recorder.sh\`: $LICENSES licenses seeded in SQL, their RS256 tokens signed offline; packaged JVM app, \`$JVM_OPTIONS -XX:MaxRAM=$CONTAINER_MEMORY\`, \`hl.license.validation.record-every=$RECORD_EVERY\`, the default \`record-limit\` (1,000,000); wrk $THREADS threads, $CONNECTIONS connections, wrk and the embedded PostgreSQL 17 on the same machine; $total s in all |
| **every license validated once** | $LICENSES in $pass_seconds s: **$p_rps req/s**, p50 $p_p50 ms, **p99 $p_p99 ms**, non-2xx $p_bad, not VALID $not_valid (each token new to the server: an RSA check each) |
| pending after that pass | $pending_after_pass licenses (written meanwhile by the previous round: $written_during_pass; dropped: $dropped) |
| **heap after a full GC** | **before the pass $heap_before MiB; with every license pending $heap_pending MiB; after the writes $heap_after MiB**; RSS at the end $rss_mib MiB |
| **rows written per second** | **$paced rows/s paced** while validate was measured ($written_meanwhile rows in $meanwhile_seconds s; the round's $pending_after_pass rows in $writes_seconds s, spread over the interval); **$capacity rows/s inside the statements** ($statement_count statements of up to 5,000 rows, $statement_seconds s in all) |
| rows with last_validated_at | $in_db of $LICENSES (every license answered VALID was written) |
| **validate meanwhile** (10,000 licenses, 60 s, during the writes) | $m_rps req/s, p50 $m_p50 ms, **p99 $m_p99 ms**, non-2xx $m_bad |
MD
cat "$OUT/recorder.md"
python3 bench/put-section.py bench/recorder.sh "$OUT/recorder.md" "Validation times at a million licenses (bench/recorder.sh)"
echo "bench: results written to docs/PERFORMANCE.md ($total s)"
