#!/usr/bin/env bash
# License file checkout load test, one command: builds the packaged app, starts it on its own data
# directory (embedded PostgreSQL, production defaults), activates BENCH_LICENSES licenses and measures in one
# run on that one server, all at 16 connections: /q/health/live, then checkout of plain files and of
# encrypted files (each a license read, a subscription read, an Ed25519 signature; encrypted: also the
# file secret's read and AES-GCM), authenticated by each license's own token. Target: >= 2,000 files/s.
# Writes its table into docs/PERFORMANCE.md (and target/bench/checkout.md).
# Needs wrk, python3 and curl (Debian: apt-get install -y wrk python3 curl).
set -euo pipefail
# the bench users stay on the default plan (only an admin adds seats): it gets enterprise's 100 seats (bench/seed.py)
export HL_LICENSE_SEATS_FREE=100
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-8182}
CONNECTIONS=16
THREADS=2
LICENSES=${BENCH_LICENSES:-1000}
DURATION=${BENCH_DURATION:-20s}
WARMUP=${BENCH_WARMUP:-20s}
OUT=target/bench
WORK=$(mktemp -d /tmp/hl-bench-checkout.XXXXXX)
STARTED=$(date +%s)
# shellcheck source=bench/lib.sh
. bench/lib.sh

require_tools wrk python3 curl
trap 'stop_server; rm -rf "$WORK"' EXIT

start_server() {
  HL_AUTH_RATE_LIMIT_REGISTRATIONS=1000000 HL_DATA_DIR="$WORK/data" JDK_JAVA_OPTIONS="$JVM_OPTIONS -XX:MaxRAM=768m" \
    launch_server "$WORK/server.log" "$@"
}

measure() { # name query|- path
  local name=$1 query=$2 path=$3
  if [ "$query" = "-" ]; then
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 10s "$BASE$path" >/dev/null
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "$BASE$path" >"$OUT/$name.txt"
  else
    LICENSES="$WORK/licenses.tsv" QUERY="$query" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 10s -s bench/checkout.lua "$BASE" >/dev/null
    LICENSES="$WORK/licenses.tsv" QUERY="$query" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s bench/checkout.lua "$BASE" >"$OUT/$name.txt"
  fi
  load >"$OUT/$name.load"
}

mkdir -p "$OUT"
rm -f "$OUT"/checkout*.txt "$OUT"/checkout*.load "$OUT"/checkout.md
echo "bench: building the packaged application"
./mvnw -B -q package -DskipTests

echo "bench: activating $LICENSES licenses (cheap Argon2 parameters for seeding only)"
start_server -Dhl.auth.password.memory-kib=1024 -Dhl.auth.password.iterations=1
python3 bench/seed.py seed "$BASE" "$LICENSES" "$WORK/tokens.tsv"
stop_server
# "licenseId<TAB>token" from the tokens' own claims
python3 - "$WORK/tokens.tsv" "$WORK/licenses.tsv" <<'PY'
import base64, json, sys
with open(sys.argv[1]) as tokens, open(sys.argv[2], "w") as out:
    for line in tokens:
        token = line.split("\t")[0]
        claims = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
        out.write(f"{claims['licenseId']}\t{token}\n")
PY

echo "bench: restarting with the production defaults and JDK_JAVA_OPTIONS=\"$JVM_OPTIONS\" -XX:MaxRAM=768m"
start_server
first=$(head -1 "$WORK/licenses.tsv")
curl -fs -X POST -H "Authorization: Bearer ${first#*$'\t'}" "$BASE/api/v1/licenses/${first%%$'\t'*}/checkout" | head -1 | grep -q 'BEGIN HYBRID LICENSE FILE' \
  || { echo "bench: checkout does not answer a file" >&2; exit 1; }
load_start=$(load)
echo "bench: /q/health/live"
measure checkout-health - /q/health/live
echo "bench: checkout, plain files"
measure checkout-plain "" /
echo "bench: checkout, encrypted files"
measure checkout-encrypted "?encrypt=true" /
stop_server

read -r h_rps h_p50 h_p99 h_bad < <(summarize "$OUT/checkout-health.txt")
read -r p_rps p_p50 p_p99 p_bad < <(summarize "$OUT/checkout-plain.txt")
read -r e_rps e_p50 e_p99 e_bad < <(summarize "$OUT/checkout-encrypted.txt")
total=$(( $(date +%s) - STARTED ))
cat >"$OUT/checkout.md" <<MD
| | value |
|---|---|
| date | $(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD 2>/dev/null || echo "?")$(git diff --quiet 2>/dev/null || echo " (with local changes)") |
| machine | $(machine); load average at start $load_start; after health $(cat "$OUT/checkout-health.load"), plain $(cat "$OUT/checkout-plain.load"), encrypted $(cat "$OUT/checkout-encrypted.load") |
| method | wrk (10 s timeout), $THREADS threads, $CONNECTIONS connections, $WARMUP warm-up then $DURATION measured; $LICENSES licenses, each request authenticated by the license's token (signature check cached); packaged JVM app, \`$JVM_OPTIONS -XX:MaxRAM=768m\`; embedded PostgreSQL 17; $total s in all |
| /q/health/live | $h_rps req/s, p50 $h_p50 ms, p99 $h_p99 ms |
| **checkout, plain** (target ≥ 2,000 files/s) | **$p_rps files/s**, p50 $p_p50 ms, p99 $p_p99 ms, non-2xx $p_bad |
| **checkout, encrypted** | **$e_rps files/s**, p50 $e_p50 ms, p99 $e_p99 ms, non-2xx $e_bad |
MD
cat "$OUT/checkout.md"
python3 bench/put-section.py bench/checkout.sh "$OUT/checkout.md" "License file checkout"
echo "bench: results written to docs/PERFORMANCE.md ($total s)"
if [ "$p_bad" -ne 0 ] || [ "$e_bad" -ne 0 ]; then echo "bench: checkout had non-2xx responses or socket errors" >&2; exit 1; fi
