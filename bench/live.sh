#!/bin/sh
# Benchmark of the live data checks on pgbench data with seeded bad rows:
# each check's time in the default mode and with --exact, against the
# hand-written exact query; and the default-mode total for a migration with
# one of each change.
# SPDX-License-Identifier: MIT
#
#   bash bench/live.sh BINARY [SCALE] [PORT]     (from the repository root)
#
# SCALE is pgbench's scale (default 100: 10 million accounts). A private
# throwaway server is started on PORT (default 54449) and removed after.
# Prints a Markdown table. Times are wall-clock milliseconds, one run each.
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
# A copy: a rebuild during the run must not swap the binary under it.
tmpbin=$(mktemp)
cp "$bin" "$tmpbin"
chmod 755 "$tmpbin"
bin=$tmpbin
scale=${2:-100}
port=${3:-54449}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'sh "$root/tests/live/pgtmp.sh" stop "$tmp" >/dev/null 2>&1; rm -rf "$tmp" "$tmpbin"' EXIT
dsn=$(sh "$root/tests/live/pgtmp.sh" start "$tmp" "$port")
# The statement log of pgtmp.sh would only slow the bench down.
psql -X -q -d "$dsn" -c "ALTER SYSTEM SET log_statement = 'none'" \
  -c "SELECT pg_reload_conf()" >/dev/null
ms()
{
  date +%s%3N
}
echo "loading pgbench -s $scale ..." >&2
t0=$(ms)
pgbench -i -q -s "$scale" -I dtgvp "$dsn" >/dev/null 2>&1
n=$((scale * 100000))
# Seeded bad rows: $scale of each kind, every 100000th aid. The UPDATEs
# write the new row versions at the end of the heap (fillfactor 100).
psql -X -q -v ON_ERROR_STOP=1 -d "$dsn" <<SQL
UPDATE pgbench_accounts SET filler = NULL WHERE aid % 100000 = 0;
UPDATE pgbench_accounts SET bid = bid + 1000000 WHERE aid % 100000 = 1;
UPDATE pgbench_accounts SET abalance = -aid WHERE aid % 100000 = 2;
VACUUM ANALYZE pgbench_accounts;
SQL
echo "loaded and seeded in $(( $(ms) - t0 )) ms" >&2
rows=$(psql -X -At -d "$dsn" -c "SELECT count(*) FROM pgbench_accounts")
size=$(psql -X -At -d "$dsn" -c \
  "SELECT pg_size_pretty(pg_relation_size('pgbench_accounts'))")

# name | migration statement | hand-written exact query
cat >"$tmp/cases" <<'CASES'
SET NOT NULL|ALTER TABLE pgbench_accounts ALTER COLUMN filler SET NOT NULL;|SELECT count(*) FROM pgbench_accounts WHERE filler IS NULL
UNIQUE (duplicates)|ALTER TABLE pgbench_accounts ADD CONSTRAINT u UNIQUE (bid, abalance);|SELECT count(*) FROM (SELECT 1 FROM pgbench_accounts WHERE bid IS NOT NULL AND abalance IS NOT NULL GROUP BY bid, abalance HAVING count(*) > 1) s
FOREIGN KEY (orphans)|ALTER TABLE pgbench_accounts ADD CONSTRAINT fk FOREIGN KEY (bid) REFERENCES pgbench_branches (bid) NOT VALID;|SELECT count(*) FROM pgbench_accounts a WHERE a.bid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pgbench_branches b WHERE b.bid = a.bid)
CHECK|ALTER TABLE pgbench_accounts ADD CONSTRAINT c CHECK (abalance >= 0) NOT VALID;|SELECT count(*) FROM pgbench_accounts WHERE (abalance >= 0) IS FALSE
type fit (int to smallint)|ALTER TABLE pgbench_accounts ALTER COLUMN abalance TYPE smallint;|SELECT count(*) FROM pgbench_accounts WHERE abalance NOT BETWEEN -32768 AND 32767
NOT NULL column, no default|ALTER TABLE pgbench_accounts ADD COLUMN region text NOT NULL;|SELECT 1 FROM pgbench_accounts LIMIT 1
CASES

verdict()
{
  # The first verdict and the first rows evidence of the data rule.
  v=$(grep -m1 '^    verdict:' "$1" | sed 's/^ *verdict: //')
  e=$(grep -E '^    evidence: (at least|[0-9]+ (rows?|orphan|duplicate|values?)|no |the table has|estimate|check inconclusive)' "$1" |
    grep -v 'rows in those groups' | head -n 1 |
    sed 's/^ *evidence: //; s/ (the probe stopped.*found in the newest.*/ (probe, found in the newest pages)/;
      s/ (the probe stopped.*/ (probe)/; s/: checked WHERE.*//')
  printf '%s: %s' "${v:-?}" "${e:-?}"
}

# One pass over the cases: a Markdown table, then the default-mode total.
run_pass()
{
  echo
  echo "| check | default mode | verdict (default) | --exact | verdict (--exact) | hand-written exact query |"
  echo "|---|---|---|---|---|---|"
  all=$tmp/all.sql
  : >"$all"
  while IFS='|' read -r name stmt query; do
    printf '%s\n' "$stmt" >"$tmp/m.sql"
    printf '%s\n' "$stmt" >>"$all"
    t=$(ms)
    "$bin" check --db "$dsn" --db-budget 60000 "$tmp/m.sql" \
      >"$tmp/d.out" 2>/dev/null || true
    d=$(( $(ms) - t ))
    t=$(ms)
    "$bin" check --db "$dsn" --db-budget 600000 --exact "$tmp/m.sql" \
      >"$tmp/e.out" 2>/dev/null || true
    e=$(( $(ms) - t ))
    t=$(ms)
    psql -X -q -At -d "$dsn" -c "$query" >/dev/null
    h=$(( $(ms) - t ))
    echo "| $name | $d ms | $(verdict "$tmp/d.out") | $e ms | $(verdict "$tmp/e.out") | $h ms |"
  done <"$1"
  t=$(ms)
  "$bin" check --db "$dsn" "$all" >"$tmp/all.out" 2>/dev/null || true
  echo
  echo "Default mode (budget 10 s), these statements in one migration: $(( $(ms) - t )) ms;" \
    "$(tail -n 1 "$tmp/all.out")"
}

echo
echo "pgbench scale $scale: pgbench_accounts $rows rows, heap $size; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "### 1. Bad rows at the end of the heap"
echo
echo "The seeding UPDATEs wrote the new row versions at the end of the heap"
echo "(fillfactor 100 leaves no room on their pages): where rows written lately are."
run_pass "$tmp/cases"
echo
echo "load after the pass: $(cut -d' ' -f1-3 /proc/loadavg)"
# CLUSTER rewrites the table by aid: bad row k sits at k/100 of the heap.
# Then the bad rows of the second half (and aid 1 and 2, on the first page)
# are fixed (the fixed versions go to
# the end of the heap): 50 of each kind remain, in the older half, the first
# at 1% of the heap, none in the newest pages.
t0=$(ms)
psql -X -q -v ON_ERROR_STOP=1 -d "$dsn" \
  -c "CLUSTER pgbench_accounts USING pgbench_accounts_pkey" \
  -c "UPDATE pgbench_accounts SET filler = '', bid = (aid - 1) / 100000 + 1,
        abalance = 0 WHERE (aid > $n / 2 + 2 OR aid < 100000)
        AND aid % 100000 IN (0, 1, 2)" \
  -c "VACUUM ANALYZE pgbench_accounts" >/dev/null
echo "clustered and half fixed in $(( $(ms) - t0 )) ms" >&2
echo
echo "### 2. Older bad rows spread over the first half of the heap"
echo
echo "After CLUSTER by aid and fixing those of the second half: $((scale / 2)) of each kind,"
echo "every 1% of the heap from 1% to 50%; the newest pages have none."
run_pass "$tmp/cases"
echo
echo "load after the pass: $(cut -d' ' -f1-3 /proc/loadavg)"
# The worst case for a probe: one bad row of each kind, in the middle.
psql -X -q -v ON_ERROR_STOP=1 -d "$dsn" \
  -c "UPDATE pgbench_accounts SET filler = '', bid = (aid - 1) / 100000 + 1,
        abalance = 0 WHERE aid < $n / 2 AND aid % 100000 IN (0, 1, 2)" \
  -c "VACUUM ANALYZE pgbench_accounts" >/dev/null
grep -v -e '^UNIQUE' -e '^NOT NULL column' "$tmp/cases" >"$tmp/cases1"
echo
echo "### 3. One bad row of each kind, in the middle of the heap"
echo
echo "Only the rows at aid $((n / 2)) to $((n / 2 + 2)) (50% of the heap) are bad; the"
echo "duplicate and any-row checks are left out (every group is a duplicate)."
run_pass "$tmp/cases1"
echo
echo "load after the pass: $(cut -d' ' -f1-3 /proc/loadavg)"
