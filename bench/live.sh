#!/bin/sh
# Benchmark of the live data checks on pgbench data with seeded bad rows:
# each check's time in the default mode and with --exact, against the
# hand-written exact query; and the default-mode total for a migration with
# one of each change.
# SPDX-License-Identifier: MIT
#
#   [BASE=OLD_BINARY] [RUNS=3] bash bench/live.sh BINARY [SCALE] [PORT]
#                                               (from the repository root)
#
# SCALE is pgbench's scale (default 100: 10 million accounts). A private
# throwaway server is started on PORT (default 54449) and removed after.
# Prints Markdown tables. Times are wall-clock milliseconds, the median of
# RUNS runs (default 3), each with the 1-minute load average when it
# started. With BASE, the default mode of that other binary is timed too,
# alternating with BINARY run by run, so both see the same load.
set -eu
copy()
{
  # A copy: a rebuild during the run must not swap the binary under it.
  c=$(mktemp)
  cp "$1" "$c"
  chmod 755 "$c"
  echo "$c"
}
bin=$(copy "$1")
base=
[ -z "${BASE:-}" ] || base=$(copy "$BASE")
runs=${RUNS:-3}
scale=${2:-100}
port=${3:-54449}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'sh "$root/tests/live/pgtmp.sh" stop "$tmp" >/dev/null 2>&1; rm -rf "$tmp" "$bin" ${base:+"$base"}' EXIT
dsn=$(sh "$root/tests/live/pgtmp.sh" start "$tmp" "$port")
# The statement log of pgtmp.sh would only slow the bench down. And no
# synchronized scans: on a table over a quarter of shared_buffers a new
# sequential scan starts where the last one stopped, so a query run after
# a probe that stopped at the bad row would find it at once (the
# hand-written queries, and each repeated run, would be flattered).
psql -X -q -d "$dsn" -c "ALTER SYSTEM SET log_statement = 'none'" \
  -c "ALTER SYSTEM SET synchronize_seqscans = off" \
  -c "SELECT pg_reload_conf()" >/dev/null
ms()
{
  date +%s%3N
}
load1()
{
  cut -d' ' -f1 /proc/loadavg
}
q()
{
  psql -X -q -At -v ON_ERROR_STOP=1 -d "$dsn" -c "$1"
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
rows=$(q "SELECT count(*) FROM pgbench_accounts")
size=$(q "SELECT pg_size_pretty(pg_relation_size('pgbench_accounts'))")

# name | migration statement | hand-written exact query (no '|' inside: it
# separates the fields; textcat() stands for ||)
cat >"$tmp/cases" <<'CASES'
SET NOT NULL|ALTER TABLE pgbench_accounts ALTER COLUMN filler SET NOT NULL;|SELECT count(*) FROM pgbench_accounts WHERE filler IS NULL
UNIQUE (duplicates)|ALTER TABLE pgbench_accounts ADD CONSTRAINT u UNIQUE (bid, abalance);|SELECT count(*) FROM (SELECT 1 FROM pgbench_accounts WHERE bid IS NOT NULL AND abalance IS NOT NULL GROUP BY bid, abalance HAVING count(*) > 1) s
FOREIGN KEY (orphans)|ALTER TABLE pgbench_accounts ADD CONSTRAINT fk FOREIGN KEY (bid) REFERENCES pgbench_branches (bid) NOT VALID;|SELECT count(*) FROM pgbench_accounts a WHERE a.bid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pgbench_branches b WHERE b.bid = a.bid)
CHECK|ALTER TABLE pgbench_accounts ADD CONSTRAINT c CHECK (abalance >= 0) NOT VALID;|SELECT count(*) FROM pgbench_accounts WHERE (abalance >= 0) IS FALSE
type fit (int to smallint)|ALTER TABLE pgbench_accounts ALTER COLUMN abalance TYPE smallint;|SELECT count(*) FROM pgbench_accounts WHERE abalance NOT BETWEEN -32768 AND 32767
type fit by cast (USING, text to inet)|ALTER TABLE pgbench_accounts ALTER COLUMN filler TYPE inet USING textcat('10.0.0.', abalance::text)::inet;|SELECT count(CAST(textcat('10.0.0.', abalance::text) AS inet)) FROM pgbench_accounts
NOT NULL column, no default|ALTER TABLE pgbench_accounts ADD COLUMN region text NOT NULL;|SELECT 1 FROM pgbench_accounts LIMIT 1
CASES

verdict()
{
  # The first verdict and the first rows evidence of the data rule.
  v=$(grep -m1 '^    verdict:' "$1" | sed 's/^ *verdict: //')
  e=$(grep -E '^    evidence: (at least|[0-9]+ (rows?|orphan|duplicate|values?)|no |the table has|estimate|check inconclusive)' "$1" |
    grep -v 'rows in those groups' | head -n 1 |
    sed 's/^ *evidence: //; s/ (the probe stopped.*found in the newest.*/ (probe, found in the newest pages)/;
      s/ (the probe stopped.*parallel plan.*/ (probe, parallel)/;
      s/ (the probe stopped.*/ (probe)/; s/: checked WHERE.*//')
  printf '%s: %s' "${v:-?}" "${e:-?}"
}

# The median of the numbers on stdin.
median()
{
  sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# Times "$@" $runs times; prints "MEDIAN LOADS" (the loads joined by '/').
# The output of the last run is in $tmp/last.out.
timed()
{
  : >"$tmp/times"
  loads=
  i=0
  while [ "$i" -lt "$runs" ]; do
    loads=${loads:+$loads/}$(load1)
    t=$(ms)
    "$@" >"$tmp/last.out" 2>/dev/null || true
    echo $(( $(ms) - t )) >>"$tmp/times"
    i=$((i + 1))
  done
  # One load when it did not change between the runs.
  first=${loads%%/*}
  [ "$loads" != "$(echo "$loads" | sed "s#[^/]*#$first#g")" ] || loads=$first
  echo "$(median <"$tmp/times") $loads"
}

# One pass over the cases: a Markdown table, then the default-mode total.
run_pass()
{
  echo
  if [ -n "$base" ]; then
    echo "| check | default mode | before (BASE) | verdict (default) | --exact | verdict (--exact) | hand-written exact query | load (1 min) |"
    echo "|---|---|---|---|---|---|---|---|"
  else
    echo "| check | default mode | verdict (default) | --exact | verdict (--exact) | hand-written exact query | load (1 min) |"
    echo "|---|---|---|---|---|---|---|"
  fi
  all=$tmp/all.sql
  : >"$all"
  while IFS='|' read -r name stmt query; do
    printf '%s\n' "$stmt" >"$tmp/m.sql"
    printf '%s\n' "$stmt" >>"$all"
    b=
    if [ -n "$base" ]; then
      set -- $(timed "$base" check --db "$dsn" --db-budget 60000 "$tmp/m.sql")
      b="$1 ms |"
      bl=$2
    fi
    set -- $(timed "$bin" check --db "$dsn" --db-budget 60000 "$tmp/m.sql")
    d=$1
    dl=$2
    cp "$tmp/last.out" "$tmp/d.out"
    set -- $(timed "$bin" check --db "$dsn" --db-budget 600000 --exact "$tmp/m.sql")
    e=$1
    cp "$tmp/last.out" "$tmp/e.out"
    set -- $(timed psql -X -q -At -d "$dsn" -c "$query")
    h=$1
    echo "| $name | $d ms | $b $(verdict "$tmp/d.out") | $e ms | $(verdict "$tmp/e.out") | $h ms | $dl${base:+ (before: $bl)} |"
  done <"$1"
  set -- $(timed "$bin" check --db "$dsn" "$all")
  echo
  echo "Default mode (budget 10 s), these statements in one migration: $1 ms" \
    "(load $2); $(tail -n 1 "$tmp/last.out")"
  if [ -n "$base" ]; then
    set -- $(timed "$base" check --db "$dsn" "$all")
    echo "before (BASE): $1 ms (load $2); $(tail -n 1 "$tmp/last.out")"
  fi
}

# Makes exactly the rows of aid $1 (NULL filler), $1 + 1 (orphan bid) and
# $1 + 2 (negative abalance) bad for every aid in the list "$1" (SQL), fixes
# every other, and rewrites the table in aid order (CLUSTER): the bad rows
# then sit at aid / $n of the heap, none in the newest pages.
place()
{
  t0=$(ms)
  psql -X -q -v ON_ERROR_STOP=1 -d "$dsn" >/dev/null <<SQL
UPDATE pgbench_accounts SET filler = '', bid = (aid - 1) / 100000 + 1,
  abalance = 0 WHERE filler IS NULL OR bid <> (aid - 1) / 100000 + 1
  OR abalance <> 0;
UPDATE pgbench_accounts SET filler = NULL WHERE aid IN ($1);
UPDATE pgbench_accounts SET bid = bid + 1000000 WHERE aid - 1 IN ($1);
UPDATE pgbench_accounts SET abalance = -aid WHERE aid - 2 IN ($1);
CLUSTER pgbench_accounts USING pgbench_accounts_pkey;
VACUUM ANALYZE pgbench_accounts;
SQL
  echo "placed and clustered in $(( $(ms) - t0 )) ms" >&2
}

# Where the bad rows are: heap page / pages in the heap, in percent (the
# first and the last).
where()
{
  q "SELECT CASE WHEN min(p) = max(p) THEN min(p) || '%'
       ELSE min(p) || '% to ' || max(p) || '%' END
     FROM (SELECT round((100.0 * (ctid::text::point)[0]
       / (pg_relation_size('pgbench_accounts') / 8192))::numeric, 1) p
     FROM pgbench_accounts WHERE filler IS NULL OR abalance < 0
       OR bid > 1000000) s"
}

echo
echo "pgbench scale $scale: pgbench_accounts $rows rows, heap $size; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); median of $runs runs"
echo
echo "### 1. Bad rows at the end of the heap"
echo
echo "The seeding UPDATEs wrote the new row versions at the end of the heap"
echo "(fillfactor 100 leaves no room on their pages): where rows written lately are."
run_pass "$tmp/cases"
echo
echo "load after the pass: $(cut -d' ' -f1-3 /proc/loadavg)"

# 2. Older bad rows: those of the first half only (the first at 1%).
place "SELECT a FROM generate_series(100000, $n / 2, 100000) a"
echo
echo "### 2. Older bad rows spread over the first half of the heap"
echo
echo "In aid order (CLUSTER): $((scale / 2)) of each kind, every 1% of the heap"
echo "from 1% to 50% (heap positions $(where)); the newest pages have none."
run_pass "$tmp/cases"
echo
echo "load after the pass: $(cut -d' ' -f1-3 /proc/loadavg)"

# 3-5. One bad row of each kind, alone: the duplicate and any-row checks
# are left out (every group is a duplicate, every table has a row).
grep -v -e '^UNIQUE' -e '^NOT NULL column' "$tmp/cases" >"$tmp/cases1"
pass=3
for at in 40 90 97; do
  place "$((n / 100 * at))"
  echo
  echo "### $pass. One bad row of each kind at $at% of the heap"
  echo
  echo "Only the rows at aid $((n / 100 * at)) to $((n / 100 * at + 2)) are bad"
  echo "(heap position: $(where)); the duplicate and any-row checks are left out."
  run_pass "$tmp/cases1"
  echo
  echo "load after the pass: $(cut -d' ' -f1-3 /proc/loadavg)"
  pass=$((pass + 1))
done
