#!/usr/bin/env bash
# Runs docs/sql/postgresql.sql on a transaction CSV in a throwaway PostgreSQL
# cluster (Debian's server: a temp dir, a loopback port, stopped at the end)
# and writes the cohort table as CSV (cohort,offset,active,revenue).
#
#   usage: tests/sql/run_postgres.sh TRANSACTIONS.csv OUT.csv [SQL]
#   (default docs/sql/postgresql.sql; summary_postgresql.sql: the summary table)
# Exits 3 when no PostgreSQL server is installed (scripts/tools.sh installs it).
set -euo pipefail
src=$(realpath "$1"); out=$(realpath -m "$2")
sql=$(realpath "${3:-$(dirname "${BASH_SOURCE[0]}")/../../docs/sql/postgresql.sql}")
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[ -x "$bin/initdb" ] || { echo "no PostgreSQL server (initdb) found" >&2; exit 3; }
dir=$(mktemp -d); port=$((20000 + RANDOM % 20000))
chmod 755 "$dir"; cp "$src" "$dir/t.csv"; cp "$sql" "$dir/q.sql"
# initdb refuses to run as root: the cluster then belongs to nobody.
as=(); if [ "$(id -u)" -eq 0 ]; then chown -R nobody "$dir"; as=(runuser -u nobody --); fi
cleanup() { "${as[@]}" "$bin/pg_ctl" -D "$dir/db" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
"${as[@]}" "$bin/initdb" -D "$dir/db" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as[@]}" "$bin/pg_ctl" -D "$dir/db" -l "$dir/log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
psql=("${as[@]}" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres)
"${psql[@]}" -c "CREATE TABLE transactions (customer_id text, date text, amount text)" \
  -c "\\copy transactions FROM '$dir/t.csv' WITH (FORMAT csv, HEADER true)"
# The query as written in docs/sql, its result as CSV (header included).
"${psql[@]}" --csv -f "$dir/q.sql" -o "$dir/out.csv"
cp "$dir/out.csv" "$out"
echo "$(($(wc -l < "$out") - 1)) cells" >&2
