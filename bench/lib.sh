# Shared by the bench scripts (sourced, from the project root): the tools check, the JVM options of
# Dockerfile.jvm, the packaged server's start and stop, wrk's summary and the machine's description.
# The sourcing script sets PORT first; it may set SERVER_STOP_HOOK to a function run before the stop.

BASE="http://127.0.0.1:${PORT}"
SERVER=""
JVM_OPTIONS=$(sed -n 's/.*JDK_JAVA_OPTIONS="\([^"]*\)".*/\1/p' Dockerfile.jvm)
MALLOC_ARENAS=$(sed -n 's/.*MALLOC_ARENA_MAX=\([0-9]*\).*/\1/p' Dockerfile.jvm)
[ -n "$JVM_OPTIONS" ] || { echo "bench: no JDK_JAVA_OPTIONS in Dockerfile.jvm" >&2; exit 1; }

require_tools() { # tool...
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (Debian: apt-get install -y wrk postgresql-client python3 curl openssl)" >&2; exit 1; }
  done
}

# launch_server LOG [java options...]: the packaged JVM app with the caller's environment (prefix
# assignments, e.g. HL_DATA_DIR=... launch_server ...), BENCH_SERVER_OPTS, and these options; waits until ready.
launch_server() {
  local log=$1
  shift
  MALLOC_ARENA_MAX="${MALLOC_ARENAS:-}" java -Dquarkus.http.port="$PORT" -Dquarkus.log.level=WARN ${BENCH_SERVER_OPTS:-} "$@" \
    -jar target/quarkus-app/quarkus-run.jar >>"$log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 240); do
    if curl -fs "$BASE/q/health/ready" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "bench: the server did not start; log:" >&2
  tail -50 "$log" >&2
  exit 1
}

stop_server() {
  [ -z "${SERVER_STOP_HOOK:-}" ] || "$SERVER_STOP_HOOK"
  if [ -n "$SERVER" ]; then
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
    SERVER=""
  fi
}

load() { cut -d' ' -f1-3 /proc/loadavg; }

summarize() { awk -f bench/wrk-summary.awk "$1"; }

metric() { # name: the value of an un-tagged metric
  curl -fs "$BASE/q/metrics" | awk -v name="$1" '$1 == name { printf "%.0f\n", $2; found = 1 } END { if (!found) print 0 }'
}

machine() { # cores, CPU, memory and JDK, for a results table
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(java -version 2>&1 | head -1)"
}
