#!/usr/bin/env bash
# How long the git pre-commit hook takes (not run by CI):
#   bash bench/hook.sh [PGPREFLIGHT]
# In a temporary git repository with a plain migrations directory, installs
# the hook with `pgpreflight install-hook`, stages a breaking migration and
# times the hook (no database) with hyperfine: the goal is well under a
# second. Also times a bare `pgpreflight check --no-db` of the same file, to
# show what git's own calls in the hook cost.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd -P)
root=$(cd "$here/.." && pwd -P)
pf=$(realpath "${1:-$root/build-r/pgpreflight}")
command -v hyperfine >/dev/null || apt-get install -y hyperfine >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
git init -q . && git config user.email bench@example.invalid && git config user.name bench
mkdir -p db/migrations
printf 'CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n' \
  >db/migrations/0001_init.sql
git add . && git commit -qm init
PATH=$(dirname "$pf"):$PATH "$pf" install-hook db/migrations >/dev/null
hook=$(git rev-parse --git-path hooks/pre-commit)
printf 'ALTER TABLE orders RENAME COLUMN customer_id TO client_id;\n' \
  >db/migrations/0002_rename.sql
git add db/migrations/0002_rename.sql
echo "pgpreflight: $pf; hook: $hook"
PATH=$(dirname "$pf"):$PATH hyperfine -N -i --warmup 3 --runs 30 \
  -n hook "$hook" \
  -n "check --no-db" "$pf check --no-db db/migrations/0002_rename.sql" 2>&1 |
  grep -vE '^ *$'
