#!/usr/bin/env bash
# Workflow tests in real temporary git repositories:
#   bash tests/workflow.sh since|hook|init|pre-commit PGPREFLIGHT_BINARY
# since: --since REF checks only the migrations a branch adds or changes,
#        the earlier ones still giving the schema;
# hook:  install-hook writes a pre-commit hook that refuses a commit adding
#        a breaking migration (with the report) and lets a safe one through,
#        without a database (its time: bench/hook.sh);
# pre-commit: the pre-commit framework runs .pre-commit-hooks.yaml's hook;
# init:  init writes a starting .pgpreflight.json for the layout it finds,
#        and refuses to overwrite it without --force.
set -u
mode=$1
root=$(cd "$(dirname "$0")/.." && pwd -P)
bin=$(cd "$(dirname "$2")" && pwd -P)/$(basename "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# No user or system git configuration, no database from the environment.
export HOME=$tmp GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@x
export GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@x LC_ALL=C NO_COLOR=1
unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGSERVICE PGPREFLIGHT_DATABASE_URL
failures=0

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# expect_status WANT ACTUAL WHAT
expect_status() {
  [ "$1" = "$2" ] || fail "$3: exit status $2, expected $1"
}

# expect_in FILE TEXT WHAT / expect_not_in FILE TEXT WHAT
expect_in() {
  grep -qF -- "$2" "$1" || { fail "$3: \"$2\" missing from:"; cat "$1"; }
}
expect_not_in() {
  if grep -qF -- "$2" "$1"; then
    fail "$3: \"$2\" must not appear in:"
    cat "$1"
  fi
}

new_repo() {
  repo=$tmp/$1
  mkdir -p "$repo/db/migrations"
  cd "$repo" || exit 1
  git init -q -b main .
}

case $mode in
since)
  new_repo since
  cat >db/migrations/0001_orders.sql <<'EOF'
CREATE TABLE orders (id bigint PRIMARY KEY, notes text);
EOF
  cat >db/migrations/0002_customer.sql <<'EOF'
ALTER TABLE orders ADD COLUMN customer_id bigint;
EOF
  git add . && git commit -qm base
  git checkout -qb feature
  cat >db/migrations/0003_not_null.sql <<'EOF'
ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;
ALTER TABLE orders RENAME COLUMN custmer_id TO client_id;
EOF
  git add . && git commit -qm "add 0003"

  "$bin" check --no-db --since main db/migrations >out 2>err
  expect_status 1 $? "since: a breaking migration on the branch"
  expect_in out "checked 1 file, 2 statements (after replaying 2 earlier migrations)" "since: only 0003 checked, 0001-0002 replayed"
  expect_in out "db/migrations/0003_not_null.sql:1:1: warning: SET NOT NULL" "since: the context knows customer_id"
  expect_in out "column \"orders\".\"custmer_id\" does not exist" "since: a typo is found against the replayed schema"
  expect_not_in out "0001_orders.sql:" "since: unchanged 0001 not checked"

  # A change to an old migration is checked too; the migration between them
  # is replayed in its place.
  echo "CREATE INDEX orders_notes_idx ON orders (notes);" >>db/migrations/0001_orders.sql
  git commit -qam "touch 0001"
  "$bin" check --no-db --since main db/migrations >out 2>err
  expect_in out "checked 2 files, 4 statements (after replaying 1 earlier migration)" "since: 0001 and 0003 checked, 0002 replayed"

  # The --since filter also reads the migrations list of .pgpreflight.json.
  echo '{"migrations": ["db/migrations"]}' >.pgpreflight.json
  "$bin" check --no-db --since main >out 2>err
  expect_in out "checked 2 files" "since: migrations from the configuration"

  # From a subdirectory: git's paths are relative to the top of the tree.
  (cd db && "$bin" check --no-db --no-config --since main migrations) >out 2>err
  expect_in out "checked 2 files" "since: run from a subdirectory"

  # Nothing changed: nothing to check, exit 0, said on stderr.
  "$bin" check --no-db --since HEAD db/migrations >out 2>err
  expect_status 0 $? "since: nothing changed"
  expect_in out "checked 0 files" "since: nothing changed"
  expect_in err "no migration file changed since HEAD" "since: nothing changed"

  # A ref git does not know: exit 2 with git's reason.
  "$bin" check --no-db --since no-such-branch db/migrations >out 2>err
  expect_status 2 $? "since: unknown ref"
  expect_in err "git diff failed" "since: unknown ref"
  "$bin" check --no-db --since=--output=x db/migrations >out 2>err
  expect_status 2 $? "since: a ref that looks like an option"
  [ ! -e x ] || fail "since: an option-like ref reached git"

  # Outside a git repository.
  mkdir -p "$tmp/nogit" && cp db/migrations/0001_orders.sql "$tmp/nogit/"
  (cd "$tmp/nogit" && GIT_CEILING_DIRECTORIES=$tmp "$bin" check --no-db --since main 0001_orders.sql) >out 2>err
  expect_status 2 $? "since: not a git repository"
  expect_in err "not a git repository" "since: not a git repository"
  ;;

hook)
  new_repo hook
  echo '{"migrations": ["db/migrations"]}' >.pgpreflight.json
  echo "app" >README
  git add . && git commit -qm base
  "$bin" install-hook >out 2>err
  expect_status 0 $? "hook: install"
  hook=$(git rev-parse --git-path hooks/pre-commit)
  [ -x "$hook" ] || fail "hook: $hook is not an executable file"
  expect_in "$hook" "check --staged --no-db" "hook: runs pgpreflight"
  "$bin" install-hook >out 2>err
  expect_status 0 $? "hook: installing the same hook again"

  # A safe migration goes through.
  cat >db/migrations/0001_orders.sql <<'EOF'
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, notes text);
EOF
  git add db/migrations/0001_orders.sql
  git commit -qm "safe migration" >out 2>&1
  expect_status 0 $? "hook: a safe migration is committed"
  [ "$(git log --oneline | wc -l)" = 2 ] || fail "hook: the safe commit is missing"

  # A breaking one is refused, with the report.
  cat >db/migrations/0002_rename.sql <<'EOF'
ALTER TABLE orders RENAME COLUMN customer_id TO client_id;
EOF
  git add db/migrations/0002_rename.sql
  git commit -qm "breaking migration" >out 2>&1
  expect_status 1 $? "hook: a breaking migration is refused"
  expect_in out "db/migrations/0002_rename.sql:1:1: error: renaming column" "hook: the report is shown"
  expect_in out "[renaming-column]" "hook: the rule is named"
  [ "$(git log --oneline | wc -l)" = 2 ] || fail "hook: the breaking commit went through"

  # How long the hook takes is a benchmark (bench/hook.sh), not a test: a
  # timed assertion fails on a loaded machine, which says nothing about
  # the hook.

  # A commit touching no migration runs nothing and passes.
  git reset -q db/migrations/0002_rename.sql
  echo "more" >>README
  git commit -qam "docs only" >out 2>&1
  expect_status 0 $? "hook: a commit without migrations"

  # An existing different hook is never clobbered, except with --force.
  printf '#!/bin/sh\nexit 0\n' >"$hook"
  "$bin" install-hook >out 2>err
  expect_status 2 $? "hook: refuses to clobber another hook"
  expect_in err "exists with other content" "hook: refuses to clobber another hook"
  expect_in "$hook" "exit 0" "hook: the other hook is intact"
  "$bin" install-hook --force db/migrations >out 2>err
  expect_status 0 $? "hook: --force"
  expect_in "$hook" "--no-db -- 'db/migrations'" "hook: named migrations"
  ;;

init)
  new_repo init
  mkdir -p src/main/resources/db/migration app
  echo "CREATE TABLE t (id bigint);" >src/main/resources/db/migration/V1__t.sql
  echo "ALTER TABLE t ADD COLUMN x text;" >src/main/resources/db/migration/V2__x.sql
  "$bin" init >out 2>err
  expect_status 0 $? "init: writes the file"
  expect_in out "migrations: src/main/resources/db/migration (Flyway)" "init: Flyway found"
  expect_in .pgpreflight.json '"migrations": ["src/main/resources/db/migration"]' "init: migrations"
  expect_in .pgpreflight.json '"code": ["app", "src"]' "init: code directories"
  expect_in .pgpreflight.json '"assume-in-transaction": true' "init: Flyway runs files in a transaction"
  expect_in out "transactions: as Flyway runs each file" "init: says so"
  # Flyway runs a file holding only CREATE INDEX CONCURRENTLY outside a
  # transaction: the written configuration must not make that an error.
  echo "CREATE INDEX CONCURRENTLY t_x_idx ON t (x);" >src/main/resources/db/migration/V3__idx.sql
  "$bin" check --no-db >out 2>err
  expect_status 0 $? "init: the written file is a valid configuration"
  expect_in out "checked 3 files" "init: check reads it"
  expect_not_in out "non-transactional-statement-in-transaction" "init: Flyway's CONCURRENTLY file is fine"
  echo '{}' >.pgpreflight.json
  "$bin" init >out 2>err
  expect_status 2 $? "init: refuses to overwrite"
  expect_in err "already exists; pass --force" "init: refuses to overwrite"
  expect_in .pgpreflight.json '{}' "init: the file is untouched"
  "$bin" init --force >out 2>err
  expect_status 0 $? "init: --force overwrites"
  expect_in .pgpreflight.json '"fail-on": "error"' "init: --force overwrites"

  for layout in golang-migrate dbmate prisma sqitch; do
    d=$tmp/init-$layout
    mkdir -p "$d"
    cp -r "$root/testdata/layouts/$layout" "$d/db"
    (cd "$d" && "$bin" init) >out 2>err
    expect_status 0 $? "init: $layout"
  done
  # golang-migrate sends a file as one query: CONCURRENTLY alone in a file
  # runs outside a transaction, next to another statement it cannot.
  d=$tmp/init-golang-migrate
  expect_in "$d/.pgpreflight.json" '"assume-in-transaction": true' "init: golang-migrate"
  echo "CREATE INDEX CONCURRENTLY events_at_idx ON events (at);" >"$d/db/11_at.up.sql"
  (cd "$d" && "$bin" check --no-db) >out 2>err
  expect_not_in out "non-transactional-statement-in-transaction" "init: golang-migrate's CONCURRENTLY file is fine"
  printf "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY events_id_idx ON events (id);\n" >"$d/db/12_id.up.sql"
  (cd "$d" && "$bin" check --no-db) >out 2>err
  expect_status 1 $? "init: golang-migrate, two statements"
  expect_in out "golang-migrate sends the file as one query" "init: golang-migrate's implicit transaction"
  expect_in "$tmp/init-prisma/.pgpreflight.json" '"migrations": ["db/migrations"]' "init: Prisma"
  expect_in "$tmp/init-sqitch/.pgpreflight.json" '"migrations": ["db"]' "init: sqitch"
  mkdir -p "$tmp/empty" && (cd "$tmp/empty" && "$bin" init) >out 2>err
  expect_in out "migrations: none found" "init: nothing found"
  ;;
pre-commit)
  # The framework itself, with this checkout's .pre-commit-hooks.yaml, as a
  # hook repository of its own (try-repo reads committed files).
  command -v pre-commit >/dev/null || { fail "pre-commit is not installed (bash tests/deps.sh)"; exit 1; }
  hooks=$tmp/hooks-repo
  mkdir -p "$hooks" && cp "$root/.pre-commit-hooks.yaml" "$hooks/"
  (cd "$hooks" && git init -q -b main . && git add . && git commit -qm hooks)
  new_repo precommit
  export PATH=$(dirname "$bin"):$PATH
  export PRE_COMMIT_HOME=$tmp/pre-commit-cache
  cat >db/migrations/0001_orders.sql <<'EOF2'
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);
EOF2
  git add . && git commit -qm base --no-verify
  pre-commit try-repo "$hooks" pgpreflight --files db/migrations/0001_orders.sql >out 2>&1
  expect_status 0 $? "pre-commit: a safe migration passes"
  expect_in out "pgpreflight" "pre-commit: the hook ran"
  cat >db/migrations/0002_rename.sql <<'EOF2'
ALTER TABLE orders RENAME COLUMN customer_id TO client_id;
EOF2
  git add .
  pre-commit try-repo "$hooks" pgpreflight --files db/migrations/0002_rename.sql >out 2>&1
  expect_status 1 $? "pre-commit: a breaking migration fails"
  expect_in out "[renaming-column]" "pre-commit: the report is shown"
  ;;
*)
  echo "usage: workflow.sh since|hook|init|pre-commit PGPREFLIGHT" >&2
  exit 2
  ;;
esac

if [ "$failures" -gt 0 ]; then
  echo "workflow $mode: $failures failure(s)"
  exit 1
fi
echo "workflow $mode: passed"
