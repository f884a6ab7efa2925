#!/usr/bin/env bash
# The demo: the incident migration checked against its code and a real,
# seeded PostgreSQL 15 that this script starts and stops on a private socket.
# Usage (from anywhere, as root on Debian 12): bash testdata/demo/run.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd -P)
cd "$root"
bash tests/deps.sh

build=${PF_BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" --target pgpreflight >/dev/null

port=${PF_DEMO_PORT:-54330}
dir=$(mktemp -d /tmp/pf-demo.XXXXXX)
stop() {
  bash tests/live/pgtmp.sh stop "$dir" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

dsn=$(bash tests/live/pgtmp.sh start "$dir" "$port")
psql_demo() { psql "$dsn dbname=demo" -X -q -v ON_ERROR_STOP=1 "$@"; }
psql "$dsn" -X -q -c "CREATE DATABASE demo" >/dev/null
psql_demo -f testdata/demo/schema.sql >/dev/null
psql_demo -f testdata/demo/seed.sql >/dev/null
# The application's daily queries, so that the index statistics show use.
for _ in $(seq 1 20); do psql_demo -f testdata/demo/workload.sql >/dev/null; done

echo "\$ pgpreflight check --code testdata/demo/app --db '<demo database>' testdata/demo/migration.sql"
echo
set +e
"$build/pgpreflight" check --code testdata/demo/app --db "$dsn dbname=demo" \
  testdata/demo/migration.sql
rc=$?
set -e
echo
if [ "$rc" -eq 1 ]; then
  echo "demo: pgpreflight exited 1: the migration has breaking changes, as it should."
  exit 0
fi
echo "demo: pgpreflight exited $rc; expected 1 (breaking changes)" >&2
exit 1
