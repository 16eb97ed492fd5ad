#!/usr/bin/env bash
# Kiosk pages under load: Debian's wrk against a Release build of the web host on the demo district,
# with the rate limits lifted. Measures this tree and, in the same run, a baseline git ref (default
# main) built from `git archive`, so a shared, noisy machine loads both alike. Figures go to
# docs/benchmarks.md ("Kiosk pages").
#
#   tools/bench/kiosk-wrk.sh [--baseline REF|--no-baseline] [--port 5310] [--seconds 20]
#
# Two runs per URL and build: saturation (`wrk -t2 -c32`: requests/s, latency percentiles and the
# host's CPU time per request, read from /proc) and a paced load of at most 200 requests/s (10
# connections, 50 ms between requests on each, tools/bench/percentiles.lua), where p99 is read.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BASELINE=main
PORT=5310
SECONDS_PER_RUN=20
while [[ $# -gt 0 ]]; do
  case "$1" in
    --baseline) BASELINE="$2"; shift 2 ;;
    --no-baseline) BASELINE=""; shift ;;
    --port) PORT="$2"; shift 2 ;;
    --seconds) SECONDS_PER_RUN="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: sudo apt-get install wrk" >&2; exit 2; }

WORK="$(mktemp -d /tmp/kiosk-wrk.XXXXXX)"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [[ -n "$p" ]] && kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

build() { # $1 source tree, $2 output
  dotnet publish "$1/src/Employment.Web" -c Release -o "$2" --nologo -v quiet | grep -E "error|warning" && return 1 || true
}

start() { # $1 publish dir, $2 data dir
  mkdir -p "$2"
  ( cd "$1" && ASPNETCORE_ENVIRONMENT=Production exec dotnet Employment.Web.dll --urls "http://127.0.0.1:$PORT" --DataDir "$2" \
      --Seed:Demo true --RateLimits:PerMinute 100000000 --Kiosk:PermitsPerMinute 100000 \
      --Logging:LogLevel:Default Warning >"$2/host.log" 2>&1 ) &
}

wait_ready() {
  for _ in $(seq 1 240); do
    # Ready when the indexes are built: the kiosk's search answers with results.
    if curl -fsS "http://127.0.0.1:$PORT/kiosk/positions?q=%E4%BF%9D%E6%B4%81" 2>/dev/null | grep -q 'href="/kiosk/positions/'; then return 0; fi
    sleep 1
  done
  echo "host did not become ready" >&2; return 1
}

URLS=(
  "/kiosk"
  "/kiosk/positions?q=%E4%BF%9D%E6%B4%81"
  "/kiosk/positions?group=cleaning"
  "/kiosk/positions"
  "/api/positions"
)
LUA="$ROOT/tools/bench/percentiles.lua"
TCK=$(getconf CLK_TCK)
cpu_of() { awk '{print $14+$15}' "/proc/$1/stat"; }

run() { # $1 pid, $2 label, $3 url, $4.. wrk options
  local pid=$1 label=$2 url=$3; shift 3
  local a; a=$(cpu_of "$pid")
  local out; out=$(wrk "$@" -d"${SECONDS_PER_RUN}s" -s "$LUA" "http://127.0.0.1:$PORT$url")
  local b; b=$(cpu_of "$pid")
  local n; n=$(echo "$out" | awk '/requests in/{print $1}')
  local rps; rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  # CPU per request is the figure that survives a loaded machine: requests/s an otherwise idle
  # two-core machine would serve is 2 / (CPU seconds per request).
  printf '%-9s %-40s %8s req/s  %s  CPU %s ms/req (≈ %s req/s on 2 idle cores)\n' "$label" "$url" "$rps" \
    "$(echo "$out" | grep p50 | sed 's/^ *//')" "$(echo "scale=2; ($b-$a)*1000/$TCK/$n" | bc)" "$(echo "scale=0; 2*$n*$TCK/($b-$a)" | bc)"
}

measure() { # $1 label, $2 publish dir
  local data="$WORK/data-$1"
  start "$2" "$data"
  wait_ready
  local pid; pid=$(pgrep -f "DataDir $data" | head -1); PIDS+=("$pid")
  # Warm-up: JIT, caches, connection pool.
  for url in "${URLS[@]}"; do wrk -t2 -c8 -d2s "http://127.0.0.1:$PORT$url" >/dev/null; done
  for url in "${URLS[@]}"; do
    run "$pid" "$1 sat" "$url" -t2 -c32
    WRK_DELAY_MS=50 run "$pid" "$1 ~200/s" "$url" -t2 -c10
  done
  echo "   ($1: load average $(cut -d' ' -f1-3 /proc/loadavg))"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

echo "saturation: wrk -t2 -c32 -d${SECONDS_PER_RUN}s -s tools/bench/percentiles.lua URL"
echo "paced:      WRK_DELAY_MS=50 wrk -t2 -c10 -d${SECONDS_PER_RUN}s -s tools/bench/percentiles.lua URL   (10 connections, 50 ms apart: at most 200 req/s)"
echo "building this tree ($(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo '+changes'))…"
build "$ROOT" "$WORK/after"
if [[ -n "$BASELINE" ]]; then
  echo "building baseline $BASELINE ($(git -C "$ROOT" rev-parse --short "$BASELINE"))…"
  mkdir -p "$WORK/base-src"
  git -C "$ROOT" archive "$BASELINE" | tar -x -C "$WORK/base-src"
  build "$WORK/base-src" "$WORK/base"
  measure baseline "$WORK/base"
fi
measure after "$WORK/after"
