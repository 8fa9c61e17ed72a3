#!/usr/bin/env bash
# Starts a throwaway MariaDB server on 127.0.0.1 for the tests, installing Debian's mariadb-server when it is missing.
# Prints `export MYSQL_URL=...` (and MARIADB_TEST_DIR, MARIADB_TEST_PID) on stdout; everything else goes to stderr.
# Usage: eval "$(bash scripts/start-mariadb.sh)"; stop with: kill "$MARIADB_TEST_PID"; rm -rf "$MARIADB_TEST_DIR"
set -euo pipefail
port="${MARIADB_TEST_PORT:-33069}"
# Take the next port when that one is busy (another server of a parallel run, say).
while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
  echo "mariadb-server is missing: installing Debian's package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y --no-install-recommends mariadb-server >&2
fi
server=$(command -v mariadbd || echo /usr/sbin/mariadbd)
install_db=$(command -v mariadb-install-db || command -v mysql_install_db)

user=$(id -un)
if [ "$(id -u)" = "0" ]; then
  id mysql >/dev/null 2>&1 || useradd --system --no-create-home mysql
  user=mysql
fi

dir=$(mktemp -d /tmp/signupkit-mariadb.XXXXXX)
chmod 755 "$dir"
[ "$user" = "mysql" ] && chown mysql "$dir"
"$install_db" --no-defaults --user="$user" --datadir="$dir/data" --auth-root-authentication-method=normal \
  --skip-test-db >&2
"$server" --no-defaults --user="$user" --datadir="$dir/data" --bind-address=127.0.0.1 --port="$port" \
  --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" --skip-name-resolve --max-connections=300 \
  --innodb-flush-log-at-trx-commit=0 --innodb-buffer-pool-size=64M --log-error="$dir/error.log" >&2 &
pid=$!
for _ in $(seq 1 120); do
  if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$dir/error.log" >&2; exit 1; fi
  sleep 0.5
done
client=$(command -v mariadb || command -v mysql)
"$client" --no-defaults -uroot --socket="$dir/mysqld.sock" -e \
  "CREATE DATABASE signupkit; CREATE USER 'signupkit'@'127.0.0.1'; GRANT ALL ON *.* TO 'signupkit'@'127.0.0.1';" >&2
echo "export MYSQL_URL=mysql://signupkit@127.0.0.1:$port/signupkit"
echo "export MARIADB_TEST_DIR=$dir"
echo "export MARIADB_TEST_PID=$pid"
