#!/usr/bin/env bash
# The GitHub Action's own script, run for real on a pull-request-like git
# repository: bash tests/action.sh PGPREFLIGHT_BINARY [yaml|run]
# yaml: only the YAML checks; run (default): the YAML checks and the run.
# action.yml and .pre-commit-hooks.yaml parse; the "Check migrations" step
# of action.yml, run as GitHub would run it (inputs in the environment,
# GITHUB_OUTPUT, an origin with the base branch), checks only the migration
# the branch adds, prints the report, writes SARIF and reports exit code 1.
set -u
root=$(cd "$(dirname "$0")/.." && pwd -P)
bin=$(cd "$(dirname "$1")" && pwd -P)/$(basename "$1")
mode=${2:-run}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@x
export GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@x LC_ALL=C NO_COLOR=1
unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGSERVICE PGPREFLIGHT_DATABASE_URL
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# Both YAML files parse and have the shape their consumers need; the check
# step's script is extracted for the run below.
python3 - "$root" "$tmp/step.sh" <<'PY' || exit 1
import sys, yaml
root, out = sys.argv[1], sys.argv[2]
a = yaml.safe_load(open(root + "/action.yml"))
assert a["runs"]["using"] == "composite", "not a composite action"
steps = a["runs"]["steps"]
uses = [s.get("uses", "") for s in steps]
assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses), uses
check = [s for s in steps if s.get("id") == "check"]
assert len(check) == 1, "no step with id check"
for s in steps:
    if "run" in s:
        assert s.get("shell") == "bash", "a run step without shell: bash"
        assert "${{ inputs." not in s["run"], "an input spliced into a script"
for i in ("migrations", "since", "code", "database-url", "fail-on", "upload-sarif"):
    assert i in a["inputs"], "missing input " + i
open(out, "w").write(check[0]["run"])
h = yaml.safe_load(open(root + "/.pre-commit-hooks.yaml"))
assert isinstance(h, list) and h[0]["id"] == "pgpreflight", h
for k in ("name", "entry", "language", "files"):
    assert k in h[0], "pre-commit hook lacks " + k
print("action: action.yml and .pre-commit-hooks.yaml are well-formed")
PY
[ "$mode" = yaml ] && exit 0

# origin: the base branch; the work tree: a branch adding a migration.
git init -q --bare -b main "$tmp/origin.git"
git clone -q "$tmp/origin.git" "$tmp/work" 2>/dev/null
cd "$tmp/work" || exit 1
mkdir -p db/migrations
echo "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);" >db/migrations/0001_orders.sql
echo '{"migrations": ["db/migrations"]}' >.pgpreflight.json
git add . && git commit -qm base && git push -q origin main
git checkout -qb feature
echo "ALTER TABLE orders RENAME COLUMN customer_id TO client_id;" >db/migrations/0002_rename.sql
git add . && git commit -qm rename

export PATH=$(dirname "$bin"):$PATH GITHUB_OUTPUT=$tmp/output
export PF_MIGRATIONS="" PF_SINCE="" PF_CODE="" PF_FAIL_ON=error PF_ARGS=""
export PF_SARIF=pgpreflight.sarif PF_BASE_REF=main PGPREFLIGHT_DATABASE_URL=""
bash -e "$tmp/step.sh" >"$tmp/log" 2>&1
[ $? = 0 ] || { fail "the step failed"; cat "$tmp/log"; }
grep -qx "exit-code=1" "$GITHUB_OUTPUT" || fail "exit-code=1 not in GITHUB_OUTPUT: $(cat "$GITHUB_OUTPUT")"
grep -q "db/migrations/0002_rename.sql:1:1: error: renaming column" "$tmp/log" ||
  { fail "the report is not in the log"; cat "$tmp/log"; }
grep -q "0001_orders.sql:" "$tmp/log" && fail "--since did not limit the check to the branch"
python3 - pgpreflight.sarif <<'PY' || fail "the SARIF file"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["version"] == "2.1.0", s.get("version")
ids = [r["ruleId"] for run in s["runs"] for r in run["results"]]
assert "renaming-column" in ids, ids
PY

if [ "$failures" -gt 0 ]; then
  echo "action: $failures failure(s)"
  exit 1
fi
echo "action: the action's check step ran on a branch: exit-code=1, report, SARIF"
