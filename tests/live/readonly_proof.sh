#!/bin/sh
# Proof that pgpreflight only reads: run the real CLI over the demo and check
# every statement it sent, from the server's own log.
# SPDX-License-Identifier: MIT
#
#   readonly_proof.sh BINARY DSN_FILE LOGFILE     (run from the repo root)
#
# Loads testdata/demo/schema.sql and seed.sql into a fresh database "demo",
# runs `BINARY check --db DSN --code testdata/demo/app
# testdata/demo/migration.sql --format json` (exit 0 or 1 expected), then
# hands the log lines written meanwhile to check_log.awk. Exits 77 (skip)
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

# The same server, database "demo".
case $dsn in
postgres://* | postgresql://*)
  demo_dsn=$(printf '%s' "$dsn" |
    sed -E 's#^(postgres(ql)?://[^/?]*)(/[^?]*)?#\1/demo#')
  ;;
*) demo_dsn="$dsn dbname=demo" ;;
esac

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
# The backend writes its log synchronously; give a disconnect a moment.
sleep 1
tail -c +"$((start + 1))" "$log" | awk -f "$here/check_log.awk"
