#!/bin/sh
# A hot standby made with pg_basebackup -R is checked like its primary: the
# same findings and verdicts, and the report says it is a standby.
# SPDX-License-Identifier: MIT
#
#   standby.sh BINARY PRIMARY_PORT STANDBY_PORT
#
# Starts its own primary and standby on private sockets (no TCP), loads the
# data of testdata/cases/600-live-data-fails, and runs that case's migration
# against both. Exits 77 (skip) when no server can be started, except under
# CI=true. Run from the source root.
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: standby.sh BINARY PRIMARY_PORT STANDBY_PORT}
pport=${2:?usage: standby.sh BINARY PRIMARY_PORT STANDBY_PORT}
sport=${3:?usage: standby.sh BINARY PRIMARY_PORT STANDBY_PORT}
case_dir=testdata/cases/600-live-data-fails
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
tmp=$(mktemp -d)
chmod 755 "$tmp"
prim=$tmp/p
stby=$tmp/s
cleanup()
{
  sh "$here/pgtmp.sh" stop "$stby" >/dev/null 2>&1
  sh "$here/pgtmp.sh" stop "$prim" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
die()
{
  echo "standby: $*" >&2
  exit 1
}
as_owner()
{
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
[ -f "$case_dir/setup.sql" ] || die "run from the source root"
if ! pdsn=$(sh "$here/pgtmp.sh" start "$prim" "$pport" 2>"$tmp/start.err"); then
  cat "$tmp/start.err" >&2
  [ "${CI:-}" = true ] && die "cannot start a server (CI=true: failing)"
  echo "standby: skipped: cannot start a server" >&2
  exit 77
fi
psql -X -q -v ON_ERROR_STOP=1 -d "$pdsn" -f "$case_dir/setup.sql" ||
  die "seeding the primary failed"
mkdir -p "$stby"
[ "$(id -u)" -eq 0 ] && chown postgres "$stby"
chmod 755 "$stby"
as_owner "$PGBIN/pg_basebackup" -D "$stby/data" -R -X stream -c fast \
  --no-sync -h "$prim/sock" -p "$pport" -U "$(printf '%s' "$pdsn" |
    sed -E 's/.*user=([^ ]+).*/\1/')" >"$tmp/basebackup.log" 2>&1 ||
  die "pg_basebackup failed: $(tail -n 3 "$tmp/basebackup.log")"
sdsn=$(sh "$here/pgtmp.sh" start "$stby" "$sport") ||
  die "the standby did not start"
# Wait until the standby is in recovery and has replayed the seed.
ok=0
for _ in $(seq 1 100); do
  r=$(psql -X -At -d "$sdsn" -c "SELECT pg_is_in_recovery()::text || ' ' ||
        (SELECT count(*) FROM orders)" 2>/dev/null)
  if [ "$r" = "true 5000" ]; then
    ok=1
    break
  fi
  sleep 0.1
done
[ "$ok" -eq 1 ] || die "the standby never caught up ($r)"

run()
{
  "$bin" check --db "$1" --show-values "$case_dir/migration.sql" \
    >"$tmp/$2.out" 2>"$tmp/$2.err"
  echo $? >"$tmp/$2.rc"
}
run "$pdsn" primary
run "$sdsn" standby
fail=0
for n in primary standby; do
  [ "$(cat "$tmp/$n.rc")" = 1 ] ||
    { echo "$n: exit $(cat "$tmp/$n.rc"), expected 1" >&2; fail=1; }
done
grep -q '(hot standby)' "$tmp/standby.out" ||
  { echo "the standby's summary does not say hot standby" >&2; fail=1; }
grep -q 'hot standby (pg_is_in_recovery)' "$tmp/standby.err" ||
  { echo "no hot-standby warning" >&2; fail=1; }
if grep -q 'hot standby' "$tmp/primary.out" "$tmp/primary.err"; then
  echo "the primary is reported as a standby" >&2
  fail=1
fi
# Everything but the summary's database line is the same on both.
grep -v '; database: PostgreSQL' "$tmp/primary.out" >"$tmp/p.cmp"
grep -v '; database: PostgreSQL' "$tmp/standby.out" >"$tmp/s.cmp"
if ! diff -u "$tmp/p.cmp" "$tmp/s.cmp" >"$tmp/diff"; then
  echo "the standby's report differs from the primary's:" >&2
  sed 's/^/  | /' "$tmp/diff" | head -n 40 >&2
  fail=1
fi
n=$(grep -c 'verdict: fails' "$tmp/standby.out")
[ "$n" -ge 8 ] || { echo "only $n failing verdicts on the standby" >&2; fail=1; }
[ "$fail" -eq 0 ] || exit 1
echo "standby: same report as the primary ($n failing verdicts), reported as a hot standby"
