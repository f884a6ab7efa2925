#!/bin/sh
# Proof that pgpreflight only reads: run the real CLI over the demo and check
# every statement it sent, from the server's own log.
# SPDX-License-Identifier: MIT
#
#   readonly_proof.sh BINARY DSN_FILE LOGFILE     (run from the repo root)
#
# Loads testdata/demo/schema.sql and seed.sql into a fresh database "demo",
# runs `BINARY check --db DSN --code testdata/demo/app
# testdata/demo/migration.sql --format json` (exit 0 or 1 expected); then
# every data check and catalog fact (the live cases 600, 605, 610, 611 and
# 620-622, and what the drops of 646 and 647 destroy, with --show-values
# and --exact, and 610, 611 and 646 again in the default mode for its
# probes: the newest pages, the parallel probe that is cancelled at its
# first row, the probe for a row or a value a drop destroys; the dependency and pg_stat_statements
# lookups of 640 and 643, which must appear in the log; the key ranges of
# 630 and 637, whose column and sequence reads must appear too; 635 with
# --code, the enum columns read for the code scan; and 600 again as the
# least-privilege role that `BINARY role-sql` creates, which must not be
# reported as able to write nor have its own timeouts taken for the
# migration's); then hands the log
# lines written meanwhile to check_log.awk. Exits 77 (skip)
# without a server or log, except under CI=true, where that fails.
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: readonly_proof.sh BINARY DSN_FILE LOGFILE}
dsn_file=${2:?usage: readonly_proof.sh BINARY DSN_FILE LOGFILE}
log=${PF_TEST_LOG:-${3:?usage: readonly_proof.sh BINARY DSN_FILE LOGFILE}}
demo=testdata/demo

skip()
{
  if [ "${CI:-}" = true ]; then
    echo "readonly_proof: $* (CI=true: failing)" >&2
    exit 1
  fi
  echo "readonly_proof: skipped: $*" >&2
  exit 77
}
die()
{
  echo "readonly_proof: $*" >&2
  exit 1
}

if [ -n "${PF_TEST_DSN:-}" ]; then
  dsn=$PF_TEST_DSN
  [ -n "${PF_TEST_LOG:-}" ] ||
    skip "PF_TEST_DSN is set; set PF_TEST_LOG to its server log too"
else
  [ -s "$dsn_file" ] || skip "no test server ($dsn_file missing)"
  dsn=$(cat "$dsn_file")
fi
[ -r "$log" ] || skip "cannot read the server log $log"
[ -x "$bin" ] || die "no binary at $bin"
for f in schema.sql seed.sql migration.sql; do
  [ -f "$demo/$f" ] || die "$demo/$f is missing (run from the repo root)"
done
[ -d "$demo/app" ] || die "$demo/app is missing"

# The same server, database $1 (and user $2, if given).
dsn_for()
{
  case $dsn in
  postgres://* | postgresql://*)
    printf '%s' "$dsn" | sed -E 's#^(postgres(ql)?://[^/?]*)(/[^?]*)?#\1/'"$1"'#'
    ;;
  *) printf '%s dbname=%s%s' "$dsn" "$1" "${2:+ user=$2}" ;;
  esac
}
demo_dsn=$(dsn_for demo)

psql_q()
{
  PGAPPNAME=pf_readonly_proof psql -X -q -v ON_ERROR_STOP=1 "$@"
}
psql_q -d "$dsn" -c 'DROP DATABASE IF EXISTS demo' -c 'CREATE DATABASE demo' ||
  die "cannot create database demo"
psql_q -d "$demo_dsn" -f "$demo/schema.sql" || die "loading schema.sql failed"
psql_q -d "$demo_dsn" -f "$demo/seed.sql" || die "loading seed.sql failed"
psql_q -d "$demo_dsn" -c 'ANALYZE' || die "ANALYZE failed"

# Everything the server logs from here on belongs to this run.
start=$(wc -c <"$log")
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" check --db "$demo_dsn" --code "$demo/app" "$demo/migration.sql" \
  --format json >"$out" 2>&1
rc=$?
case $rc in
0 | 1) echo "pgpreflight exited $rc" ;;
*)
  sed 's/^/  | /' "$out" | head -n 40 >&2
  die "pgpreflight exited $rc (0 or 1 expected)"
  ;;
esac
# Every data check, over data that fails them and with values shown.
# ... the catalog facts (620-622), the dependency and pg_stat_statements
# lookups (640, 643), key headroom and enum values (630, 632), the casts
# of type changes (657, which stop at an error in a savepoint).
for case in 600-live-data-fails 605-live-check-not-evaluated \
  620-live-fact-default-stable 621-live-fact-default-volatile \
  622-live-fact-role-timeout 640-live-deps-drop-fails \
  643-live-deps-drop-index-constraint 630-live-sequence-headroom \
  637-live-key-headroom-changes \
  632-live-enum-value-in-use 651-cost-no-lock-queue \
  610-live-exclusion-and-type-form 611-live-parallel-probe \
  646-live-drop-data-fails 647-live-drop-data-passes \
  657-live-type-cast-probe; do
  cdir=testdata/cases/$case
  db=pfproof_$(printf '%s' "$case" | tr -c 'a-z0-9\n' '_')
  psql_q -d "$dsn" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" ||
    die "cannot create database $db"
  psql_q -d "$(dsn_for "$db")" -f "$cdir/setup.sql" || die "loading $case failed"
  "$bin" check --db "$(dsn_for "$db")" --show-values --exact \
    "$cdir/migration.sql" >"$out" 2>&1
  rc=$?
  [ "$rc" -le 1 ] || {
    sed 's/^/  | /' "$out" | head -n 40 >&2
    die "pgpreflight exited $rc on $case"
  }
  echo "pgpreflight exited $rc on $case"
done
# The probes of the default mode (--exact counts instead): the newest pages
# of 610's readings, and 611's parallel probe, cancelled at its first row,
# in a savepoint.
for case in 610-live-exclusion-and-type-form 611-live-parallel-probe \
  646-live-drop-data-fails 657-live-type-cast-probe; do
  db=pfproof_$(printf '%s' "$case" | tr -c 'a-z0-9\n' '_')
  "$bin" check --db "$(dsn_for "$db")" "testdata/cases/$case/migration.sql" \
    >"$out" 2>&1
  rc=$?
  [ "$rc" -le 1 ] || {
    sed 's/^/  | /' "$out" | head -n 40 >&2
    die "pgpreflight exited $rc on $case in the default mode"
  }
  echo "pgpreflight exited $rc on $case in the default mode"
done
# The code side of enum values in use (635): with --code, the columns of
# the type and the values of a column's enum are read before the scan.
cdir=testdata/cases/635-live-enum-catalog-columns
db=pfproof_635_enum_catalog
psql_q -d "$dsn" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" ||
  die "cannot create database $db"
psql_q -d "$(dsn_for "$db")" -f "$cdir/setup.sql" || die "loading 635 failed"
"$bin" check --db "$(dsn_for "$db")" --code "$cdir/app" "$cdir/migration.sql" \
  >"$out" 2>&1
rc=$?
[ "$rc" -le 1 ] && grep -q 'hold order_status in the catalog' "$out" &&
  grep -q 'of its current type color (an array column) from the catalog' \
    "$out" || {
  sed 's/^/  | /' "$out" | head -n 40 >&2
  die "pgpreflight exited $rc on 635, or the catalog did not reach the code"
}
echo "pgpreflight exited $rc on 635 with --code"
# The cost queries with a lock queue: a session idle in transaction holds
# ACCESS SHARE on orders and another waits for ACCESS EXCLUSIVE behind it,
# so the size functions hit lock_timeout and pg_class is read instead.
cdir=testdata/cases/650-cost-lock-queue
db=pfproof_650_cost_lock_queue
psql_q -d "$dsn" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" ||
  die "cannot create database $db"
psql_q -d "$(dsn_for "$db")" -f "$cdir/setup.sql" || die "loading 650 failed"
( { cat "$cdir/hold.sql"; sleep 15; echo COMMIT; } |
  psql_q -d "$(dsn_for "$db")" ) >/dev/null 2>&1 &
sleep 1
( { echo "BEGIN; LOCK TABLE orders IN ACCESS EXCLUSIVE MODE;"; sleep 15; echo COMMIT; } |
  psql_q -d "$(dsn_for "$db")" ) >/dev/null 2>&1 &
sleep 2
"$bin" check --db "$(dsn_for "$db")" --long-xact 1 "$cdir/migration.sql" \
  >"$out" 2>&1
rc=$?
psql_q -d "$dsn" -At -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
  WHERE datname = '$db' AND application_name = 'pf_readonly_proof'" >/dev/null
[ "$rc" -le 1 ] && grep -q 'lock-queue-risk' "$out" &&
  grep -q 'from pg_class.relpages' "$out" || {
  sed 's/^/  | /' "$out" | head -n 40 >&2
  die "pgpreflight exited $rc on 650, or without lock-queue-risk and pg_class sizes"
}
echo "pgpreflight exited $rc on 650 with a lock queue"
# The role role-sql prints: it can run every check and cannot write.
db=pfproof_600_live_data_fails
case $dsn in
postgres://* | postgresql://*) ;; # a URL names its user; skip the role run
*)
  psql_q -d "$dsn" -c 'DROP ROLE IF EXISTS pf_proof_reader' ||
    die "cannot drop role pf_proof_reader"
  "$bin" role-sql pf_proof_reader | psql_q -d "$dsn" -f - ||
    die "the SQL of role-sql failed"
  "$bin" check --db "$(dsn_for "$db" pf_proof_reader)" \
    testdata/cases/600-live-data-fails/migration.sql >"$out" 2>&1
  rc=$?
  [ "$rc" -eq 1 ] || {
    sed 's/^/  | /' "$out" | head -n 40 >&2
    die "as pf_proof_reader: exit $rc (1 expected: the data fails)"
  }
  if grep -q 'could write' "$out"; then
    die "the role-sql role is reported as able to write"
  fi
  grep -q 'verdict: fails' "$out" || die "as pf_proof_reader: no verdict"
  # role-sql sets lock_timeout/statement_timeout on the checking role: they
  # say nothing about the role that runs migrations.
  if grep -q 'pg_db_role_setting' "$out"; then
    die "the checking role's own timeouts were taken for the migration's"
  fi
  grep -q 'no lock_timeout set' "$out" ||
    die "as pf_proof_reader: require-lock-timeout did not warn"
  if grep -q 'permission denied' "$out"; then
    die "as pf_proof_reader: a check was denied"
  fi
  echo "role-sql role: every check ran, no write privilege"
  psql_q -d "$dsn" -c "REASSIGN OWNED BY pf_proof_reader TO CURRENT_USER" \
    -c 'DROP OWNED BY pf_proof_reader' -c 'DROP ROLE pf_proof_reader' >/dev/null
  ;;
esac
# The backend writes its log synchronously; give a disconnect a moment.
sleep 1
# The lookups of issue 5 ran, so the proof below covers them.
tail -c +"$((start + 1))" "$log" | grep -q 'pg_catalog.pg_depend dep' ||
  die "the dependency lookup is not in the log"
tail -c +"$((start + 1))" "$log" | grep -q '\.pg_stat_statements s' ||
  die "the pg_stat_statements lookup is not in the log"
tail -c +"$((start + 1))" "$log" | grep -q "ctid >= '(" ||
  die "the probe of the newest pages is not in the log"
tail -c +"$((start + 1))" "$log" | grep -q 'SAVEPOINT pf_probe' ||
  die "the parallel probe's savepoint is not in the log"
tail -c +"$((start + 1))" "$log" | grep -q 'pg_catalog.unnest(ARRAY' ||
  die "the parallel probe is not in the log"
# ... and the cast probe of a type change (657), which a failing value ends.
tail -c +"$((start + 1))" "$log" |
  grep -q 'pg_catalog.count(CAST("addr" AS pg_catalog."inet"))' ||
  die "the cast probe of a type change is not in the log"
# ... and what a drop destroys (issue 7): the count of a dropped table's
# rows and of a dropped column's values, and their probes.
tail -c +"$((start + 1))" "$log" |
  grep -q 'pg_catalog.count(\*) FROM "public"."sessions" t WHERE true' ||
  die "the count of the rows a DROP TABLE destroys is not in the log"
tail -c +"$((start + 1))" "$log" |
  grep -q 'SELECT 1 FROM "public"."orders" t WHERE "notes" IS NOT NULL LIMIT 1' ||
  die "the probe of the values a DROP COLUMN destroys is not in the log"
# ... and so do the enum lookups of issue 7 (arrays, domains).
tail -c +"$((start + 1))" "$log" | grep -q 'JOIN pg_catalog.pg_type et' ||
  die "the lookup of the columns that hold an enum is not in the log"
tail -c +"$((start + 1))" "$log" | grep -q 'JOIN pg_catalog.pg_type y' ||
  die "the proof of array and domain columns is not in the log"
tail -c +"$((start + 1))" "$log" | grep -q "i.indisprimary AND i.indnatts = 1" ||
  die "the range read of one column (637) is not in the log"
tail -c +"$((start + 1))" "$log" | grep -q 'AND s.relkind = .S. LIMIT 1' ||
  die "the range read of a sequence (637) is not in the log"
tail -c +"$((start + 1))" "$log" | awk -f "$here/check_log.awk"
