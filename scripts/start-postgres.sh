#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for the tests, installing Debian's postgresql when it is missing.
# Prints `export DATABASE_URL=...` on stdout; everything else goes to stderr. Usage: eval "$(bash scripts/start-postgres.sh)"
set -euo pipefail
port="${PGTEST_PORT:-54329}"
# Take the next port when that one is busy (another cluster of a parallel run, say).
while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

find_bin() {
  local found
  found=$(command -v pg_ctl 2>/dev/null || true)
  [ -n "$found" ] && { dirname "$(readlink -f "$found")"; return; }
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$found" ] && [ -x "$found/pg_ctl" ] && echo "$found"
}

bin=$(find_bin || true)
if [ -z "$bin" ]; then
  echo "postgresql is missing: installing Debian's package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y --no-install-recommends postgresql >&2
  bin=$(find_bin)
fi

run_as=()
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  run_as=(runuser -u postgres --)
fi

dir=$(mktemp -d /tmp/signupkit-pg.XXXXXX)
chmod 755 "$dir"
[ ${#run_as[@]} -gt 0 ] && chown postgres "$dir"
"${run_as[@]}" "$bin/initdb" -D "$dir/data" -U signupkit --auth=trust -E UTF8 --locale=C >&2
"${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-h 127.0.0.1 -p $port -k $dir -c max_connections=200 -c fsync=off -c synchronous_commit=off" start >&2
echo "export DATABASE_URL=postgres://signupkit@127.0.0.1:$port/postgres"
echo "export PGTEST_DIR=$dir"
echo "export PGTEST_BIN=$bin"
