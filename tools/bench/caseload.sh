#!/usr/bin/env bash
# The counselor's caseload (/Counselor) on the demo district: a Release build of the web host,
# a counselor account for the street with the most households (the demo's busiest caseload), signed
# in through the real login page, then wrk with that session at a modest concurrency. Measures this
# tree and, in the same run, a baseline git ref (default main). Figures go to docs/benchmarks.md.
#
#   tools/bench/caseload.sh [--baseline REF|--no-baseline] [--baseline-build DIR] [--port 5320] [--seconds 20]
#
# --baseline-build DIR keeps the baseline's publish in DIR and reuses it when it is there, so a
# second run waits only for this tree's build (the baseline ref is fixed; this tree is not).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BASELINE=main
PORT=5320
SECONDS_PER_RUN=20
BASELINE_BUILD=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --baseline) BASELINE="$2"; shift 2 ;;
    --no-baseline) BASELINE=""; shift ;;
    --baseline-build) BASELINE_BUILD="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --seconds) SECONDS_PER_RUN="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: sudo apt-get install wrk" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: sudo apt-get install sqlite3" >&2; exit 2; }

WORK="$(mktemp -d /tmp/caseload-bench.XXXXXX)"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [[ -n "$p" ]] && kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
BASE="http://127.0.0.1:$PORT"

build() { # $1 source tree, $2 output
  dotnet publish "$1/src/Employment.Web" -c Release -o "$2/web" --nologo -v quiet | grep -E "error|warning" && return 1
  dotnet publish "$1/src/Employment.Cli" -c Release -o "$2/cli" --nologo -v quiet | grep -E "error|warning" && return 1
  return 0
}

measure() { # $1 label, $2 build dir
  local data="$WORK/data-$1"; mkdir -p "$data"
  ( cd "$2/web" && ASPNETCORE_ENVIRONMENT=Production exec dotnet Employment.Web.dll --urls "$BASE" --DataDir "$data" \
      --Seed:Demo true --RateLimits:PerMinute 100000000 --Logging:LogLevel:Default Warning >"$data/host.log" 2>&1 ) &
  local pid=$!; PIDS+=("$pid")
  for _ in $(seq 1 240); do curl -fsS "$BASE/kiosk/positions?q=%E4%BF%9D%E6%B4%81" 2>/dev/null | grep -q 'href="/kiosk/positions/' && break; sleep 1; done
  local street; street=$(sqlite3 "$data/employment.db" "select DivisionCode from Households where DivisionCode is not null group by DivisionCode order by count(*) desc limit 1")
  local households; households=$(sqlite3 "$data/employment.db" "select count(*) from Households where DivisionCode = '$street'")
  local password="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  echo "$password" | dotnet "$2/cli/employment.dll" user add --role counselor --login bench --area "$street" --DataDir "$data" >/dev/null 2>&1
  # Sign in through the page: its antiforgery cookie and token, then the post.
  local jar="$WORK/jar-$1"
  local token; token=$(curl -fsS -c "$jar" "$BASE/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  local cookie; cookie=$(curl -sS -b "$jar" -o /dev/null -D - "$BASE/Account/Login" --data-urlencode "Input.Login=bench" \
      --data-urlencode "Input.Password=$password" --data-urlencode "__RequestVerificationToken=$token" \
      | grep -i '^set-cookie: employment.staff=' | sed 's/^[Ss]et-[Cc]ookie: //;s/;.*//' | tr -d '\r')
  [[ -n "$cookie" ]] || { echo "sign-in failed" >&2; return 1; }
  # Read the whole page before looking in it: grep -q stops early, and under pipefail curl's broken pipe would fail the check.
  local page; page=$(curl -fsS -H "Cookie: $cookie" "$BASE/Counselor")
  grep -q 'bench' <<<"$page" || { echo "/Counselor did not answer as the counselor" >&2; return 1; }
  echo "== $1: counselor of $street ($households households)"
  wrk -t1 -c2 -d3s -H "Cookie: $cookie" "$BASE/Counselor" >/dev/null
  local tck; tck=$(getconf CLK_TCK); local a; a=$(awk '{print $14+$15}' /proc/$(pgrep -f "DataDir $data" | head -1)/stat)
  echo "== $1: wrk -t2 -c4 -d${SECONDS_PER_RUN}s -s tools/bench/percentiles.lua /Counselor"
  local out; out=$(wrk -t2 -c4 -d"${SECONDS_PER_RUN}s" -s "$ROOT/tools/bench/percentiles.lua" -H "Cookie: $cookie" "$BASE/Counselor")
  local b; b=$(awk '{print $14+$15}' /proc/$(pgrep -f "DataDir $data" | head -1)/stat)
  echo "$out" | grep -E 'Requests/sec|p50|Non-2xx|requests in'
  local n; n=$(echo "$out" | awk '/requests in/{print $1}')
  echo "   CPU per request: $(echo "scale=1; ($b-$a)*1000/$tck/$n" | bc) ms"
  echo "== $1 load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

echo "building this tree ($(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo '+changes'))…"
build "$ROOT" "$WORK/after"
if [[ -n "$BASELINE" ]]; then
  base="${BASELINE_BUILD:-$WORK/base}"
  if [[ -f "$base/web/Employment.Web.dll" && -f "$base/cli/employment.dll" ]]; then
    echo "baseline $BASELINE: reusing the build in $base"
  else
    echo "building baseline $BASELINE ($(git -C "$ROOT" rev-parse --short "$BASELINE"))…"
    mkdir -p "$WORK/base-src"
    git -C "$ROOT" archive "$BASELINE" | tar -x -C "$WORK/base-src"
    build "$WORK/base-src" "$base"
  fi
  measure baseline "$base"
fi
measure after "$WORK/after"
