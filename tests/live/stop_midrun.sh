#!/bin/sh
# The server stops in the middle of a run: pgpreflight exits 3, says the
# connection was lost, and still prints the findings gathered before.
# SPDX-License-Identifier: MIT
#
#   stop_midrun.sh BINARY PORT
#
# Starts its own throwaway server on PORT (it is stopped by this test, so it
# cannot be the shared fixture), seeds a small table with NULLs and a large
# one, and stops the server while pgpreflight is grouping the large table.
# Exits 77 (skip) when no server can be started, except under CI=true.
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: stop_midrun.sh BINARY PORT}
port=${2:?usage: stop_midrun.sh BINARY PORT}
dir=$(mktemp -d)
chmod 755 "$dir"
out=$dir/out
err=$dir/err
cleanup()
{
  sh "$here/pgtmp.sh" stop "$dir" >/dev/null 2>&1
  rm -rf "$dir"
}
trap cleanup EXIT
die()
{
  echo "stop_midrun: $*" >&2
  exit 1
}
if ! dsn=$(sh "$here/pgtmp.sh" start "$dir" "$port" 2>"$dir/start.err"); then
  cat "$dir/start.err" >&2
  [ "${CI:-}" = true ] && die "cannot start a server (CI=true: failing)"
  echo "stop_midrun: skipped: cannot start a server" >&2
  exit 77
fi
psql -X -q -v ON_ERROR_STOP=1 -d "$dsn" <<'SQL' || die "seeding failed"
CREATE TABLE small (id int PRIMARY KEY, v int);
INSERT INTO small SELECT g, CASE WHEN g % 4 = 0 THEN NULL ELSE g END
  FROM generate_series(1, 400) g;
CREATE UNLOGGED TABLE big (v int);
INSERT INTO big SELECT g FROM generate_series(1, 5000000) g;
ANALYZE;
SQL
cat >"$dir/migration.sql" <<'SQL'
ALTER TABLE small ALTER COLUMN v SET NOT NULL;
CREATE UNIQUE INDEX big_v ON big (v);
ALTER TABLE small ADD CONSTRAINT small_v_positive CHECK (v > 0);
SQL
"$bin" check --db "$dsn" --db-budget 120000 "$dir/migration.sql" \
  >"$out" 2>"$err" &
pid=$!
# Wait until the large table is being grouped, then stop the server.
seen=0
for _ in $(seq 1 400); do
  n=$(psql -X -At -d "$dsn" -c "SELECT count(*) FROM pg_stat_activity
        WHERE application_name = 'pgpreflight' AND state = 'active'
        AND query LIKE '%GROUP BY%'" 2>/dev/null)
  if [ "${n:-0}" -ge 1 ]; then
    seen=1
    break
  fi
  sleep 0.02
done
[ "$seen" -eq 1 ] || {
  wait "$pid"
  sed 's/^/  | /' "$out" "$err" >&2
  die "never saw the duplicate probe running"
}
sh "$here/pgtmp.sh" stop "$dir" >/dev/null 2>&1 || die "cannot stop the server"
wait "$pid"
rc=$?
fail=0
[ "$rc" -eq 3 ] || { echo "exit $rc, expected 3" >&2; fail=1; }
grep -q 'lost the connection' "$err" ||
  { echo "stderr does not say the connection was lost" >&2; fail=1; }
grep -q 'SET NOT NULL on "small"."v" will fail: 100 rows are NULL' "$out" ||
  { echo "the finding gathered before the stop is missing" >&2; fail=1; }
if [ "$fail" -ne 0 ]; then
  sed 's/^/  out| /' "$out" >&2
  sed 's/^/  err| /' "$err" >&2
  exit 1
fi
echo "stop_midrun: exit 3, findings so far printed, connection loss reported"
