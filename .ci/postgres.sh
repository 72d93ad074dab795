#!/usr/bin/env bash
# Start a local PostgreSQL for the tests and print the one line to evaluate:
#
#     eval "$(bash .ci/postgres.sh)"
#     # -> export ARCHIVAGE_TEST_POSTGRES_URL=postgresql+psycopg://archivage:archivage@127.0.0.1:5432/archivage_test
#
# Uses the Debian cluster (pg_ctlcluster, preferring 15/main) when there is one; otherwise
# initdb's a throw-away cluster in /tmp. Installs the postgresql package if it is missing.
# Creates the role and database (idempotent) and the unaccent extension, which needs a superuser.
# Everything but the final line goes to stderr, so the output can be eval'd.
set -euo pipefail
exec 3>&1 1>&2

DB=archivage_test
ROLE=archivage
PASSWORD=archivage

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "postgres.sh: installing postgresql"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq postgresql
fi

clusters=$( (pg_lsclusters -h 2>/dev/null || true) | sort -k1,1r)
line=$(grep -E '^15 +main ' <<<"$clusters" || head -n1 <<<"$clusters")
if [ -n "$line" ]; then
  read -r version cluster port status _ <<<"$line"
  socket=/var/run/postgresql
  if [ "$status" != online ]; then
    echo "postgres.sh: starting cluster $version/$cluster on port $port"
    # 3>&- : the server must not inherit the pipe of "$(…)", or the caller would wait for it forever.
    if [ "$(id -u)" -eq 0 ]; then pg_ctlcluster "$version" "$cluster" start 3>&-
    else sudo pg_ctlcluster "$version" "$cluster" start 3>&-; fi
  fi
else
  # No Debian cluster: a private one, trust authentication, loopback only.
  bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n1)")
  socket=$(mktemp -d /tmp/archivage-pg.XXXXXX)
  port=5433
  chown postgres "$socket" 2>/dev/null || true
  echo "postgres.sh: initdb in $socket, port $port"
  as_postgres "$bin/initdb" -D "$socket/data" -A trust -U postgres >/dev/null
  as_postgres "$bin/pg_ctl" -D "$socket/data" -l "$socket/log" -w \
    -o "-p $port -k $socket -c listen_addresses=127.0.0.1" start 3>&-
fi

for _ in $(seq 1 30); do
  pg_isready -q -h "$socket" -p "$port" && break
  sleep 1
done
pg_isready -h "$socket" -p "$port"

sql() { as_postgres psql -h "$socket" -p "$port" -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ -z "$(sql -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" ]; then
  sql -d postgres -c "CREATE ROLE $ROLE LOGIN"
fi
sql -d postgres -c "ALTER ROLE $ROLE PASSWORD '$PASSWORD'"
if [ -z "$(sql -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
  sql -d postgres -c "CREATE DATABASE $DB OWNER $ROLE"
fi
sql -d "$DB" -c "CREATE EXTENSION IF NOT EXISTS unaccent"

echo "postgres.sh: PostgreSQL ready, database $DB on 127.0.0.1:$port"
echo "export ARCHIVAGE_TEST_POSTGRES_URL=postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$port/$DB" >&3
