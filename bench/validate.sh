#!/usr/bin/env bash
# License validation benchmark, one command: bench/validate.sh
# Starts the packaged server on a fresh embedded database, activates LICENSES licenses through the API
# (measuring activations/s), then, in the same run and at the same load (CONNECTIONS connections),
# measures /q/health/live (the ceiling: a trivial endpoint of the same server) and
# POST /api/v1/licenses/validate cycling through all license tokens. Writes the figures to
# docs/PERFORMANCE.md. Needs: a JDK, python3, wrk (apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
LICENSES=${LICENSES:-10000}
CONNECTIONS=${CONNECTIONS:-16}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
PORT=${PORT:-18080}

command -v wrk >/dev/null || { echo "bench needs wrk: apt-get install -y wrk" >&2; exit 1; }
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

work=$(mktemp -d)
HL_DATA_DIR="$work/data" java -jar target/quarkus-app/quarkus-run.jar -Dquarkus.http.port="$PORT" \
  ${BENCH_SERVER_ARGS:-} > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
base="http://localhost:$PORT"
until curl -sf -o /dev/null "$base/q/health/ready"; do
  kill -0 $server 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.2
done

echo "Activating $LICENSES licenses..."
activation=$(python3 bench/seed_licenses.py --base "$base" --licenses "$LICENSES" --out "$work/tokens.txt" | grep '^RESULT')
echo "$activation"

run_wrk() { # name script expect
  BENCH_DIR="$PWD/bench" TOKENS_FILE="$work/tokens.txt" EXPECT="$3" \
    wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s "bench/$2" "$base/q/health/live" >/dev/null
  BENCH_DIR="$PWD/bench" TOKENS_FILE="$work/tokens.txt" EXPECT="$3" \
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s "bench/$2" "$base/q/health/live" | grep '^RESULT'
}
echo "Ceiling: GET /q/health/live..."
ceiling=$(run_wrk health wrk-report.lua '"UP"')
echo "$ceiling"
echo "Validate..."
validate=$(run_wrk validate wrk-validate.lua '"code":"VALID"')
echo "$validate"

field() { echo "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2; }
ratio=$(python3 -c "print(f'{$(field "$validate" rps) / $(field "$ceiling" rps) * 100:.0f}')")
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
section=$(cat <<MD
## License validation

Run $(date -u +%Y-%m-%dT%H:%MZ) by \`bench/validate.sh\` on $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB,
$(java -version 2>&1 | head -1). Server: the packaged JVM application on a fresh embedded PostgreSQL,
load generator wrk on the same machine (2 threads, $CONNECTIONS connections, $WARMUP warm-up then
$DURATION measured per endpoint). $LICENSES licenses activated through the API first; the validate
run cycles through all their tokens. Every response is checked (HTTP 200 and the expected body).

| what | requests/s | p50 | p99 | unexpected answers |
|---|---|---|---|---|
| ceiling: \`GET /q/health/live\` | $(field "$ceiling" rps) | $(field "$ceiling" p50_ms) ms | $(field "$ceiling" p99_ms) ms | $(field "$ceiling" unexpected) |
| \`POST /api/v1/licenses/validate\` | $(field "$validate" rps) | $(field "$validate" p50_ms) ms | $(field "$validate" p99_ms) ms | $(field "$validate" unexpected) |
| activations (\`POST /api/v1/licenses/activate\`, $(field "$activation" concurrency) concurrent clients) | $(field "$activation" rps) | | | |

Validate throughput is **${ratio}%** of the ceiling (goal: ≥ 50% with p99 ≤ 10 ms).
MD
)
python3 - "$section" <<'PY'
import re, sys
path, section = "docs/PERFORMANCE.md", sys.argv[1].strip() + "\n"
text = open(path).read()
start, end = "<!-- bench/validate.sh:start -->", "<!-- bench/validate.sh:end -->"
block = f"{start}\n{section}{end}"
text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S) if start in text else text.rstrip() + "\n\n" + block + "\n"
open(path, "w").write(text)
PY
echo "Written to docs/PERFORMANCE.md"
