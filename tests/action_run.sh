#!/usr/bin/env bash
# action.yml's steps, run locally the way a runner runs a composite action
# (tests/action_emulate.py; a local emulation, not a GitHub run):
#   bash tests/action_run.sh PGPREFLIGHT_BINARY
# On a pull-request-like git repository (an origin with main, a branch
# adding a migration):
# 1. a branch renaming a column: the Install step's apt-get line names
#    packages this machine has; the Build step configures this repository
#    and puts the build directory on GITHUB_PATH, where the Check step finds
#    pgpreflight; the Check step prints the report in the log, checks only
#    the branch's migration, writes exit-code=1 and sarif-file to
#    GITHUB_OUTPUT; the Upload step's if: holds and its sarif_file is a
#    valid SARIF 2.1.0 log (ajv, the official schema) whose rules link to
#    README.md at the action's repository and ref; the Verdict step and so
#    the action fail with exit status 1, the action's exit-code output is 1.
# 2. a branch adding a column, the action used from a local path (no
#    action_repository): exit-code 0, the action succeeds, valid SARIF with
#    no result and no helpUri.
# The Install step runs with apt-get and sudo replaced by stubs that record
# their arguments (the test must not install anything). The Build step runs
# with cmake replaced by a stub that records its arguments and, for
# "cmake --build", copies PGPREFLIGHT_BINARY into the build directory,
# unless PF_ACTION_FULL_BUILD=1: then cmake is real and the step builds
# this repository from scratch (minutes).
set -u
root=$(cd "$(dirname "$0")/.." && pwd -P)
bin=$(cd "$(dirname "$1")" && pwd -P)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@x
export GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@x LC_ALL=C NO_COLOR=1
unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGSERVICE PGPREFLIGHT_DATABASE_URL
schema_dir=$root/tests/schema
sarif_schema=$schema_dir/node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
[ -f "$sarif_schema" ] ||
  { echo "FAIL: no SARIF schema ($sarif_schema): bash tests/deps.sh"; exit 1; }

# The stubs. pgpreflight itself must not be on PATH: the Check step has to
# find it through the Build step's GITHUB_PATH line.
stubs=$tmp/stubs
mkdir -p "$stubs"
cat >"$stubs/sudo" <<'EOF'
#!/bin/sh
# sudo VAR=value... command...: as sudo, then the command.
while [ $# -gt 0 ]; do
  case $1 in *=*) export "$1"; shift ;; *) break ;; esac
done
exec "$@"
EOF
cat >"$stubs/apt-get" <<EOF
#!/bin/sh
echo "\$*" >>"$tmp/apt.log"
EOF
if [ "${PF_ACTION_FULL_BUILD:-}" != 1 ]; then
  cat >"$stubs/cmake" <<EOF
#!/bin/sh
echo "\$*" >>"$tmp/cmake.log"
if [ "\$1" = --build ]; then cp "$bin" "\$2/pgpreflight"; else
  while [ \$# -gt 0 ]; do [ "\$1" = -B ] && mkdir -p "\$2"; shift; done
fi
EOF
fi
chmod +x "$stubs"/*
base_path=$stubs:$(tr ':' '\n' <<<"$PATH" | grep -vxF "$(dirname "$bin")" | paste -sd:)

# run_action NAME [--input K=V | --github K=V]...: runs the action on the
# work tree $tmp/NAME; the emulator's report is $tmp/NAME.json, the log
# $tmp/NAME.log, the exit status $status.
run_action() {
  local name=$1
  shift
  mkdir -p "$tmp/$name.runner"
  (cd "$tmp/$name" &&
    env PATH="$base_path" GITHUB_WORKSPACE="$tmp/$name" \
      RUNNER_TEMP="$tmp/$name.runner" GITHUB_EVENT_NAME=pull_request \
      GITHUB_STEP_SUMMARY="$tmp/$name.summary" \
      python3 "$root/tests/action_emulate.py" "$root" "$tmp/$name.json" "$@") \
    >"$tmp/$name.log" 2>&1
  status=$?
}

# new_branch NAME SQL: a clone of origin on a branch adding 0002 with SQL.
new_branch() {
  git clone -q "$tmp/origin.git" "$tmp/$1" 2>/dev/null
  (cd "$tmp/$1" && git checkout -qb feature &&
    echo "$2" >db/migrations/0002_change.sql &&
    git add . && git commit -qm change)
}

# jq-like look-ups in the report: report NAME PYTHON-EXPRESSION (r is it).
report() {
  python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
    "$tmp/$1.json" "$2"
}

git init -q --bare -b main "$tmp/origin.git"
git clone -q "$tmp/origin.git" "$tmp/base" 2>/dev/null
(cd "$tmp/base" && mkdir -p db/migrations app &&
  echo "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);" >db/migrations/0001_orders.sql &&
  echo 'rows = db.execute("SELECT customer_id FROM orders")' >app/report.py &&
  echo '{"migrations": ["db/migrations"], "code": ["app"]}' >.pgpreflight.json &&
  git add . && git commit -qm base && git push -q origin main)

# 1. A breaking branch, the action fetched from a repository at a tag.
new_branch breaking "ALTER TABLE orders RENAME COLUMN customer_id TO client_id;"
run_action breaking --github base_ref=main --github server_url=https://github.example.com \
  --github action_repository=owner/pgpreflight --github action_ref=v1.2.0
echo "--- the emulated run (breaking branch)"
cat "$tmp/breaking.log"
[ -f "$tmp/breaking.json" ] || { echo "FAIL: the emulator wrote no report"; exit 1; }
[ "$status" = 1 ] || fail "the action exited with $status, expected 1 (findings)"
[ "$(report breaking 'r["status"]')" = failure ] || fail "the action did not fail"
[ "$(report breaking 'r["outputs"]["exit-code"]')" = 1 ] || fail "output exit-code is not 1"
[ "$(report breaking 'r["outputs"]["sarif-file"]')" = pgpreflight.sarif ] ||
  fail "output sarif-file is not pgpreflight.sarif"
statuses=$(report breaking '" ".join(s["status"].split()[0] for s in r["steps"])')
[ "$statuses" = "success success success not failure" ] ||
  fail "step statuses: $statuses (expected install, build, check succeed, upload not run here, verdict fails)"
# Install: the packages the step names are the ones this machine built with.
pkgs=$(awk '/(^| )install /{for (i = 1; i <= NF; i++) if ($i !~ /^-/ && $i != "install") print $i}' "$tmp/apt.log")
[ -n "$pkgs" ] || fail "the Install step ran no apt-get install"
for p in $pkgs; do
  # node and npm may come from elsewhere than Debian (as tests/deps.sh allows).
  case $p in nodejs | npm) command -v "${p%js}" >/dev/null && continue ;; esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    fail "the Install step names $p, which is not installed here"
done
# Build: this repository, into RUNNER_TEMP, only the pgpreflight target.
if [ "${PF_ACTION_FULL_BUILD:-}" != 1 ]; then
  grep -qxF -- "-S $root -B $tmp/breaking.runner/pgpreflight-build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF" "$tmp/cmake.log" ||
    fail "the Build step's configure: $(head -1 "$tmp/cmake.log")"
  grep -qE -- "^--build $tmp/breaking.runner/pgpreflight-build -j[0-9]+ --target pgpreflight$" "$tmp/cmake.log" ||
    fail "the Build step's build: $(tail -1 "$tmp/cmake.log")"
fi
report breaking 'r["path"]' | tr ':' '\n' | grep -qxF "$tmp/breaking.runner/pgpreflight-build" ||
  fail "the build directory was not added to PATH through GITHUB_PATH"
# Check: the report in the log, only the branch's migration.
grep -q "db/migrations/0002_change.sql:1:1: error: renaming column" "$tmp/breaking.log" ||
  fail "the text report is not in the log"
grep -q "app/report.py:1" "$tmp/breaking.log" || fail "the code reference is not in the log"
grep -q "0001_orders.sql:" "$tmp/breaking.log" && fail "--since did not limit the check to the branch"
# Upload: its if: held, and what it would upload is valid SARIF.
upload=$(report breaking '[s for s in r["steps"] if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")][0]["with"]["sarif_file"]')
sarif=$tmp/breaking/$upload
[ -f "$sarif" ] || fail "the Upload step's sarif_file $upload does not exist"
node "$schema_dir/validate.mjs" "$sarif_schema" "$sarif" || fail "the SARIF file is not valid SARIF 2.1.0"
python3 - "$sarif" <<'PY' || fail "the SARIF content"
import json, sys
s = json.load(open(sys.argv[1]))
run = s["runs"][0]
ids = [r["ruleId"] for r in run["results"]]
assert ids and set(ids) <= {"renaming-column", "require-lock-timeout"}, ids
rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
want = "https://github.example.com/owner/pgpreflight/blob/v1.2.0/README.md#renaming-column"
assert rules["renaming-column"].get("helpUri") == want, rules["renaming-column"].get("helpUri")
PY
grep -q "::error::pgpreflight: findings at or above the threshold" "$tmp/breaking.log" ||
  fail "the Verdict step did not report the findings"

# 2. A safe branch, the action used as a local path (uses: ./): no ref.
new_branch safe "ALTER TABLE orders ADD COLUMN note text;"
run_action safe --github base_ref=main --github server_url=https://github.example.com
echo "--- the emulated run (safe branch)"
cat "$tmp/safe.log"
[ "$status" = 0 ] || fail "safe branch: the action exited with $status, expected 0"
[ "$(report safe 'r["status"]')" = success ] || fail "safe branch: the action failed"
[ "$(report safe 'r["outputs"]["exit-code"]')" = 0 ] || fail "safe branch: output exit-code is not 0"
node "$schema_dir/validate.mjs" "$sarif_schema" "$tmp/safe/pgpreflight.sarif" ||
  fail "safe branch: the SARIF file is not valid"
python3 - "$tmp/safe/pgpreflight.sarif" <<'PY' || fail "safe branch: the SARIF content"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
errors = [r for r in run["results"] if r["level"] == "error"]
assert not errors, errors
assert all("helpUri" not in r for r in run["tool"]["driver"]["rules"]), "helpUri without a ref"
PY

if [ "$failures" -gt 0 ]; then
  echo "action_run: $failures failure(s)"
  exit 1
fi
echo "action_run: the emulated action failed a breaking branch (exit 1, valid SARIF with help links) and passed a safe one"
