#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and trials (Debian's postgresql package):
#   eval "$(tools/pg-throwaway.sh start [PORT])"   # exports PGTEST_DIR, PGTEST_PORT, EMPLOYMENT_TEST_POSTGRES
#   tools/pg-throwaway.sh stop "$PGTEST_DIR"
# Data in a temp directory, trust authentication on loopback only, the C locale (byte order, as
# SQLite compares text), owned by the postgres user when run as root (initdb refuses root).
set -euo pipefail
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$bin" ]; then
  echo "no PostgreSQL under /usr/lib/postgresql: apt-get install postgresql" >&2
  exit 1
fi
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    port="${2:-}"
    if [ -z "$port" ]; then
      port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    fi
    dir="$(mktemp -d /tmp/employment-pg-XXXXXX)"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # Tests create and drop a database per test host; durability is worth nothing in a throwaway cluster.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "export PGTEST_DIR='$dir' PGTEST_PORT='$port'"
    echo "export EMPLOYMENT_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres'"
    ;;
  stop)
    dir="${2:?the cluster directory printed by start}"
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
