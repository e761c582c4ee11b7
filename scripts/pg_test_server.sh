#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on loopback for the tests (CI runs as root: the server runs as
# the "postgres" user) and prints the URL to export as REPORTDESK_TEST_PG.
# Usage: scripts/pg_test_server.sh DIR [PORT]   (stop: pg_ctl -D DIR/data stop)
set -euo pipefail
dir="${1:?thư mục}"; port="${2:-54329}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/initdb" ] || { echo "PostgreSQL chưa được cài (apt-get install postgresql)" >&2; exit 1; }
mkdir -p "$dir"
as=()
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; as=(runuser -u postgres --); fi
if [ ! -f "$dir/data/PG_VERSION" ]; then
  "${as[@]}" "$bin/initdb" -D "$dir/data" -U reportdesk --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
fi
"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null
echo "postgresql://reportdesk@127.0.0.1:$port/postgres"
