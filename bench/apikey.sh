#!/usr/bin/env bash
# API key vs access token, one command: builds the packaged app, starts it on its own data directory
# (embedded PostgreSQL, production defaults), registers a user with one license, and measures in one run
# on that one server, at 16 connections, GET /api/v1/licenses/{id} (a primary-key read) authenticated by
# the user's access token (RS256 check) and by an API key of theirs (licenses:read; kept in memory, its
# hash compared), alternating twice. Target: key >= 0.9 x token.
# Writes its table into docs/PERFORMANCE.md (and target/bench/apikey.md). Needs wrk, python3 and curl.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-8183}
CONNECTIONS=16
THREADS=2
DURATION=${BENCH_DURATION:-15s}
WARMUP=${BENCH_WARMUP:-15s}
BASE="http://127.0.0.1:${PORT}"
OUT=target/bench
WORK=$(mktemp -d /tmp/hl-bench-apikey.XXXXXX)
SERVER=""
STARTED=$(date +%s)

for tool in wrk python3 curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install -y wrk python3 curl)" >&2; exit 1; }
done
JVM_OPTIONS=$(sed -n 's/.*JDK_JAVA_OPTIONS="\([^"]*\)".*/\1/p' Dockerfile.jvm)

stop_server() {
  if [ -n "$SERVER" ]; then
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
    SERVER=""
  fi
}
trap 'stop_server; rm -rf "$WORK"' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }
summarize() { awk -f bench/wrk-summary.awk "$1"; }

mkdir -p "$OUT"
rm -f "$OUT"/apikey-*.txt "$OUT"/apikey.md
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  echo "bench: building the packaged application"
  ./mvnw -B -q package -DskipTests
fi

# the access token lives 15 minutes by default: long enough for this run, and set so that it is
HL_AUTH_TOKENS_ACCESS_TOKEN_LIFETIME=PT30M HL_DATA_DIR="$WORK/data" JDK_JAVA_OPTIONS="$JVM_OPTIONS -XX:MaxRAM=768m" \
  java -Dquarkus.http.port="$PORT" -Dquarkus.log.level=WARN -jar target/quarkus-app/quarkus-run.jar >>"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 240); do
  if curl -fs "$BASE/q/health/ready" >/dev/null 2>&1; then break; fi
  sleep 0.5
done

python3 - "$BASE" "$WORK" <<'PY'
import json, sys, urllib.request, uuid
base, work = sys.argv[1], sys.argv[2]
def call(method, path, body=None, bearer=None):
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body else None,
                                     headers={"Content-Type": "application/json"})
    if bearer:
        request.add_header("Authorization", "Bearer " + bearer)
    with urllib.request.urlopen(request) as answer:
        return json.loads(answer.read() or b"null")
email, password = f"bench-{uuid.uuid4()}@example.test", "correct horse battery"
call("POST", "/api/v1/auth/register", {"email": email, "password": password})
token = call("POST", "/api/v1/auth/login", {"email": email, "password": password})["accessToken"]
license_id = call("POST", "/api/v1/licenses/activate", {"email": email, "password": password, "clientId": "bench"})["licenseId"]
secret = call("POST", "/api/v1/api-keys", {"name": "bench", "scopes": ["licenses:read"]}, token)["secret"]
for name, value in (("token", token), ("key", secret), ("license", license_id)):
    open(f"{work}/{name}", "w").write(value)
PY
LICENSE=$(cat "$WORK/license")
measure() { # name bearer-file
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 10s -H "Authorization: Bearer $(cat "$2")" "$BASE/api/v1/licenses/$LICENSE" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -H "Authorization: Bearer $(cat "$2")" \
    "$BASE/api/v1/licenses/$LICENSE" >"$OUT/apikey-$1.txt"
}
load_start=$(load)
for round in 1 2; do
  echo "bench: round $round, access token"; measure "token-$round" "$WORK/token"
  echo "bench: round $round, API key"; measure "key-$round" "$WORK/key"
done
stop_server

row() { read -r rps p50 p99 bad < <(summarize "$OUT/apikey-$1.txt"); echo "$rps req/s, p50 $p50 ms, p99 $p99 ms, non-2xx $bad"; }
rps() { summarize "$OUT/apikey-$1.txt" | cut -d' ' -f1; }
ratio=$(python3 -c "print(f'{($(rps key-1) + $(rps key-2)) / ($(rps token-1) + $(rps token-2)):.2f}')")
total=$(( $(date +%s) - STARTED ))
cat >"$OUT/apikey.md" <<MD
| | value |
|---|---|
| date | $(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD 2>/dev/null || echo "?")$(git diff --quiet 2>/dev/null || echo " (with local changes)") |
| machine | $(nproc) cores, $(java -version 2>&1 | head -1); load average at start $load_start, at the end $(load) |
| method | wrk, $THREADS threads, $CONNECTIONS connections, $WARMUP warm-up then $DURATION measured each, token and key alternating twice; \`GET /api/v1/licenses/{id}\`; packaged JVM app, \`$JVM_OPTIONS -XX:MaxRAM=768m\`; $total s in all |
| access token, round 1 / 2 | $(row token-1) / $(row token-2) |
| API key, round 1 / 2 | $(row key-1) / $(row key-2) |
| **key / token** (target ≥ 0.9) | **$ratio** |
MD
cat "$OUT/apikey.md"
python3 bench/put-section.py bench/apikey.sh "$OUT/apikey.md" "API keys (bench/apikey.sh)"
echo "bench: results written to docs/PERFORMANCE.md ($total s)"
