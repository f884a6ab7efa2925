#!/bin/sh
# Self-test of check_log.awk: it accepts read-only logs and rejects writes.
# SPDX-License-Identifier: MIT
set -u
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
P='2026-01-02 03:04:05.678 UTC [4242] pgpreflight'
Q='2026-01-02 03:04:05.679 UTC [4243] psql'

expect()
{
  want=$1 name=$2
  if awk -f "$here/check_log.awk" "$tmp/log" >"$tmp/out" 2>&1; then
    got=pass
  else
    got=fail
  fi
  if [ "$got" != "$want" ]; then
    echo "FAILED: $name: expected $want, got $got"
    sed 's/^/  | /' "$tmp/out"
    fails=$((fails + 1))
  else
    echo "ok: $name ($got)"
  fi
}

# A read-only session, with traps for a naive checker: write words inside
# literals, quoted identifiers, comments and dollar quotes; multi-line SQL;
# other applications' writes.
cat >"$tmp/log" <<LOG
$Q LOG:  statement: CREATE TABLE x (id int);
$P LOG:  execute <unnamed>: BEGIN READ ONLY
$P LOG:  execute <unnamed>: SELECT pg_catalog.set_config('statement_timeout', \$1, true)
$P DETAIL:  parameters: \$1 = '3000'
$P LOG:  execute <unnamed>: SELECT count(*) FROM "s"."we""ird; drop table x;--" WHERE "no""tes; DELETE" IS NULL
$P LOG:  execute <unnamed>: SELECT 'DROP TABLE x; INSERT' AS a, E'it\\'s; update' AS b,
	\$q\$ truncate \$q\$ AS c -- alter table
	/* grant all */ FROM pg_class
$P LOG:  statement: SHOW transaction_read_only
$P LOG:  statement: SELECT pg_catalog.current_setting('transaction_read_only'), pg_catalog.pg_is_in_recovery()
$P LOG:  statement: SELECT pg_catalog.set_config('default_transaction_read_only', 'on', false)
$P ERROR:  canceling statement due to statement timeout
$P STATEMENT:  SELECT count(*) FROM t
$P LOG:  execute <unnamed>: SAVEPOINT pf_probe
$P LOG:  execute <unnamed>: SELECT pg_catalog.set_config('max_parallel_workers_per_gather', \$1, true), pg_catalog.set_config('parallel_leader_participation', 'off', true)
$P LOG:  execute <unnamed>: SELECT pg_catalog.unnest(ARRAY['', pg_catalog.repeat(' ', 65536)]) FROM (SELECT 1 FROM "s"."t" t WHERE "v" IS NULL LIMIT 1) s
$P ERROR:  canceling statement due to user request
$P LOG:  execute <unnamed>: ROLLBACK TO SAVEPOINT pf_probe
$P LOG:  execute <unnamed>: ROLLBACK
$P LOG:  statement: SET statement_timeout = 5; RESET lock_timeout; COMMIT
$Q LOG:  statement: DROP TABLE x;
LOG
expect pass "read-only session"

bad()
{
  name=$1
  shift
  printf '%s\n' "$P LOG:  execute <unnamed>: BEGIN READ ONLY" "$@" >"$tmp/log"
  expect fail "$name"
}
bad "insert" "$P LOG:  statement: INSERT INTO t VALUES (1)"
bad "write after a select" "$P LOG:  statement: SELECT 1; DROP TABLE x"
bad "row lock" "$P LOG:  execute <unnamed>: SELECT * FROM t FOR UPDATE"
bad "share row lock" "$P LOG:  execute <unnamed>: SELECT * FROM t FOR KEY SHARE"
bad "read-only off" "$P LOG:  statement: SET default_transaction_read_only = off"
bad "read-only off by set_config" \
  "$P LOG:  statement: SELECT set_config('transaction_read_only', 'off', true)"
bad "read write" "$P LOG:  statement: SET TRANSACTION READ WRITE"
bad "sequence" "$P LOG:  statement: SELECT nextval('s')"
bad "advisory lock" "$P LOG:  statement: SELECT pg_advisory_lock(1)"
bad "lock table" "$P LOG:  statement: LOCK TABLE t"
bad "explain analyze" "$P LOG:  statement: EXPLAIN ANALYZE DELETE FROM t"
bad "data-modifying CTE" \
  "$P LOG:  statement: WITH d AS (DELETE FROM t RETURNING *) SELECT 1"
bad "select into" "$P LOG:  statement: SELECT * INTO t2 FROM t"
bad "write on a continuation line" "$P LOG:  statement: SELECT 1;" "	update t set a = 1"
bad "refused write" \
  "$P ERROR:  cannot execute INSERT in a read-only transaction"
bad "do block" "$P LOG:  statement: DO \$\$ BEGIN NULL; END \$\$"
bad "copy" "$P LOG:  statement: COPY t TO STDOUT"
bad "sleep" "$P LOG:  execute <unnamed>: SELECT 1 FROM t WHERE (pg_sleep(5) IS NOT NULL) IS FALSE"
bad "terminate" "$P LOG:  statement: SELECT pg_catalog.pg_terminate_backend(42)"
bad "cancel another backend" "$P LOG:  statement: SELECT pg_catalog.pg_cancel_backend(42)"
bad "release then write" "$P LOG:  statement: SAVEPOINT a; RELEASE a; INSERT INTO t VALUES (1)"

printf '%s\n' "$Q LOG:  statement: SELECT 1" >"$tmp/log"
expect fail "no pgpreflight statement"
: >"$tmp/log"
expect fail "empty log"

[ "$fails" -eq 0 ] || {
  echo "$fails check(s) failed"
  exit 1
}
echo "all checks passed"
