#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL 15 cluster:
#
#   scripts/with-postgres.sh npm test
#
# Creates a cluster in a temporary directory (initdb, trust auth, listening on 127.0.0.1 only, on a free
# loopback port), exports TEST_DATABASE_URL=postgres://postgres@127.0.0.1:PORT/postgres, runs the command,
# then stops the cluster and removes the directory (trap), whatever the command's outcome. The command's
# exit code is the script's exit code.
#
# PostgreSQL refuses to run as root: as root the cluster is owned by, and runs as, the `postgres` user
# (runuser -u postgres --). If TEST_DATABASE_URL is already set, the command runs as it is.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 64
fi

if [[ -n "${TEST_DATABASE_URL:-}" ]]; then
  echo "== with-postgres: TEST_DATABASE_URL is already set; using it" >&2
  exec "$@"
fi

# Find initdb / pg_ctl: on the PATH, else the newest Debian install under /usr/lib/postgresql.
pg_bin=""
if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
  pg_bin="$(dirname "$(readlink -f "$(command -v initdb)")")"
else
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] && pg_bin="$d"
  done
fi
if [[ -z "$pg_bin" && "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "== with-postgres: no initdb found; installing Debian's postgresql-15" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15) >&2
  [[ -x /usr/lib/postgresql/15/bin/initdb ]] && pg_bin=/usr/lib/postgresql/15/bin
fi
if [[ -z "$pg_bin" ]]; then
  echo "with-postgres: initdb and pg_ctl not found" >&2
  exit 69
fi

# As root, run the server as `postgres`; otherwise as ourselves.
as_pg=()
if [[ "$(id -u)" -eq 0 ]]; then
  as_pg=(runuser -u postgres --)
fi

# A free loopback port: ask the kernel for one (a race with another process is possible but unlikely;
# pg_ctl start fails loudly if the port is taken).
port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"

# as root, under /tmp: the postgres user must be able to reach the directory
if [[ "$(id -u)" -eq 0 ]]; then tmp_base=/tmp; else tmp_base="${TMPDIR:-/tmp}"; fi
tmp="$(mktemp -d "$tmp_base/htt-pg.XXXXXX")"
data="$tmp/data"
sock="$tmp/sock"
mkdir -p "$data" "$sock"
if [[ "$(id -u)" -eq 0 ]]; then
  chown -R postgres: "$tmp"
fi
chmod 700 "$tmp"

cleanup() {
  local rc=$?
  if [[ -f "$data/postmaster.pid" ]]; then
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"${as_pg[@]}" "$pg_bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
  >"$tmp/initdb.log" 2>&1 || {
  cat "$tmp/initdb.log" >&2
  exit 69
}

"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data" -l "$tmp/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $sock -c fsync=on -c max_connections=200" start >/dev/null || {
  cat "$tmp/server.log" >&2
  exit 69
}

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "== with-postgres: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2

set +e
"$@"
status=$?
set -e
exit "$status"
