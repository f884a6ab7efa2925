#!/bin/sh
# Measures the constants of the duration model of "Cost of applying it"
# (lib/rules/cost.c): how fast this machine's PostgreSQL scans a table to
# validate a constraint, rewrites it, rebuilds its indexes and builds a new
# index, in MB per second of table (or index) size.
# SPDX-License-Identifier: MIT
#
#   sh bench/cost.sh [SCALE] [PORT]     (from the repository root)
#
# SCALE is pgbench's scale (default 20: 2 million rows, about 260 MB of
# table). A private throwaway server is started on PORT (default 54492) and
# removed after. Prints a Markdown table; one run each, the data cached
# (just loaded), so these are upper bounds for a cold cache.
set -eu
scale=${1:-20}
port=${2:-54492}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'sh "$root/tests/live/pgtmp.sh" stop "$tmp" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
dsn=$(sh "$root/tests/live/pgtmp.sh" start "$tmp" "$port")
q()
{
  psql -X -q -At -v ON_ERROR_STOP=1 -d "$dsn" -c "$1"
}
q "ALTER SYSTEM SET log_statement = 'none'" >/dev/null
q "SELECT pg_reload_conf()" >/dev/null
ms()
{
  date +%s%3N
}
pgbench -i -q -s "$scale" -I dtgvp "$dsn" >/dev/null 2>&1
q "VACUUM ANALYZE pgbench_accounts"
tbl()
{
  q "SELECT pg_total_relation_size('pgbench_accounts') - pg_indexes_size('pgbench_accounts')"
}
idx()
{
  q "SELECT pg_indexes_size('pgbench_accounts')"
}
# Runs $2 and prints "| name | bytes | ms | MB/s |" with $3 bytes.
timed()
{
  t0=$(ms)
  q "$2" >/dev/null
  el=$(($(ms) - t0))
  [ "$el" -gt 0 ] || el=1
  echo "| $1 | $3 | $el | $(($3 * 1000 / el / 1048576)) |"
}
echo "| what (statement) | bytes | ms | MB/s |"
echo "|---|---|---|---|"
tb=$(tbl)
timed "scan: validate a CHECK (ADD CONSTRAINT ... CHECK), per byte of table" \
  "ALTER TABLE pgbench_accounts ADD CONSTRAINT c CHECK (abalance > -2000000000)" "$tb"
timed "index build: CREATE INDEX on an integer column, per byte of table" \
  "CREATE INDEX a_abalance ON pgbench_accounts (abalance)" "$tb"
q "DROP INDEX a_abalance"
i=$(idx)
timed "index rebuild: REINDEX TABLE, per byte of index" \
  "REINDEX TABLE pgbench_accounts" "$i"
q "ALTER TABLE pgbench_accounts DROP CONSTRAINT pgbench_accounts_pkey"
timed "rewrite: ALTER COLUMN TYPE bigint (no index), per byte of table" \
  "ALTER TABLE pgbench_accounts ALTER COLUMN abalance TYPE bigint" "$tb"
echo
echo "rows: $(q "SELECT count(*) FROM pgbench_accounts"), table $(q "SELECT pg_size_pretty($tb::bigint)"), index $(q "SELECT pg_size_pretty($i::bigint)"); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), PostgreSQL $(q "SHOW server_version")"
