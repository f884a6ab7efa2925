#!/usr/bin/env bash
# pgpreflight vs squawk on the same SQL files (not run by CI).
#
#   bash bench/squawk.sh REGRESS_DIR [PGPREFLIGHT]
#
# 1. Installs squawk (pinned) with npm into bench/work/ (gitignored); its
#    npm package brings a prebuilt binary, which is called directly so that
#    node's start-up is not counted against squawk.
# 2. Selects the files of REGRESS_DIR that pgpreflight parses whole
#    (JSON summary.input_errors == 0), so both tools see valid SQL only.
# 3. Runs each tool once over the whole set, RUNS times, alternating, under
#    GNU time: wall time, user+sys CPU time and peak RSS; prints medians and
#    the ratio, and writes raw figures to bench/out/squawk/.
#    Then times the whole set again with hyperfine (HRUNS runs each), whose
#    wall time resolves below GNU time's 10 ms steps.
# 4. Times one small migration with hyperfine (the "under 5 ms" goal).
# Environment: RUNS (default 7), HRUNS (default 40), SMALL (default
# testdata/demo/migration.sql), SQUAWK_VERSION (default 2.66.0).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd -P)
root=$(cd "$here/.." && pwd -P)
dir=$(cd "${1:?usage: squawk.sh REGRESS_DIR [PGPREFLIGHT]}" && pwd -P)
pf=$(realpath "${2:-$root/build-r/pgpreflight}")
runs=${RUNS:-7}
small=${SMALL:-$root/testdata/demo/migration.sql}
version=${SQUAWK_VERSION:-2.66.0}
work=$here/work
out=$here/out/squawk
mkdir -p "$work" "$out"
export LC_ALL=C NO_COLOR=1

command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null
command -v hyperfine >/dev/null || apt-get install -y hyperfine >/dev/null

sq=$work/node_modules/@squawk-cli/linux-x64/bin/squawk
if [ ! -x "$sq" ] || ! "$sq" --version | grep -qx "squawk $version"; then
  npm install --silent --no-audit --no-fund --prefix "$work" \
    "squawk-cli@$version" >/dev/null
fi
if ! "$sq" --version >/dev/null 2>&1; then
  echo "squawk: the prebuilt binary did not install or does not run" >&2
  exit 1
fi
# Every rule squawk $version knows, the opt-in ones included.
sq_rules=require-concurrent-index-creation,require-concurrent-index-deletion,\
constraint-missing-not-valid,adding-field-with-default,\
adding-foreign-key-constraint,changing-column-type,adding-not-nullable-field,\
adding-serial-primary-key-field,renaming-column,renaming-table,\
disallowed-unique-constraint,ban-drop-database,prefer-bigint-over-int,\
prefer-bigint-over-smallint,prefer-identity,prefer-repack,prefer-robust-stmts,\
prefer-text-field,prefer-timestamp-tz,ban-char-field,ban-drop-column,\
ban-drop-table,ban-drop-not-null,transaction-nesting,adding-required-field,\
ban-concurrent-index-creation-in-transaction,\
ban-create-domain-with-constraint,ban-alter-domain-with-add-constraint,\
ban-truncate-cascade,require-timeout-settings,ban-uncommitted-transaction,\
require-enum-value-ordering,require-table-schema,identifier-too-long,\
require-concurrent-partition-detach,require-concurrent-reindex,\
require-lock-timeout,require-statement-timeout

# The files that parse whole as plain SQL.
: >"$out/selected.txt"
total=0
for f in "$dir"/*.sql; do
  total=$((total + 1))
  "$pf" check --no-db --format json "$f" >"$out/select.json" 2>/dev/null || true
  # Pure SQL: no parse error, and no psql meta-command or COPY data that
  # pgpreflight blanks out (other tools may read those differently).
  if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d["summary"]["input_errors"] != 0 or any("psql" in w or "COPY" in w for w in d["warnings"]))' \
    "$out/select.json" 2>/dev/null; then
    echo "$f" >>"$out/selected.txt"
  fi
done
mapfile -t files <"$out/selected.txt"
n=${#files[@]}
bytes=$(cat "${files[@]}" | wc -c)
echo "selected $n of $total files ($bytes bytes) that pgpreflight parses whole"

pf_cmd=("$pf" check --no-db --format json)
sq_cmd=("$sq" --reporter json --pg-version 15.0 --include "$sq_rules")
: >"$out/runs.tsv"
for i in $(seq "$runs"); do
  for tool in pgpreflight squawk; do
    if [ $tool = pgpreflight ]; then cmd=("${pf_cmd[@]}"); else cmd=("${sq_cmd[@]}"); fi
    # Exit statuses 1/2 (findings, or squawk's violations) are expected.
    /usr/bin/time -o "$out/time.txt" -f '%e %U %S %M' "${cmd[@]}" "${files[@]}" \
      >"$out/$tool.json" 2>"$out/$tool.stderr" || true
    echo "$tool $(tail -n 1 "$out/time.txt")" >>"$out/runs.tsv"
  done
done
python3 -c 'import json,sys; json.load(open(sys.argv[1])); json.load(open(sys.argv[2]))' \
  "$out/pgpreflight.json" "$out/squawk.json" ||
  { echo "squawk.sh: a tool did not print JSON" >&2; exit 1; }

python3 - "$out/runs.tsv" "$n" <<'PY'
import statistics as st, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
n = int(sys.argv[2])
res = {}
for tool in ("pgpreflight", "squawk"):
    r = [x for x in rows if x[0] == tool]
    wall = st.median(float(x[1]) for x in r)
    cpu = st.median(float(x[2]) + float(x[3]) for x in r)
    rss = st.median(int(x[4]) for x in r)
    res[tool] = (wall, cpu, rss)
    print(f"{tool:12s} runs={len(r)} wall={wall*1000:.0f} ms "
          f"({wall/n*1000:.2f} ms/file) cpu={cpu*1000:.0f} ms "
          f"peak_rss={rss/1024:.1f} MB")
p, s = res["pgpreflight"], res["squawk"]
print(f"ratio squawk/pgpreflight: wall {s[0]/p[0]:.2f}x, cpu {s[1]/p[1]:.2f}x")
PY

# GNU time reports wall time in 10 ms steps, too coarse at these sizes:
# hyperfine times the same two commands over the whole set to the
# microsecond (mean and standard deviation of HRUNS runs).
hruns=${HRUNS:-40}
echo "whole set, hyperfine, $hruns runs each:"
hyperfine -N -i --warmup 5 --runs "$hruns" --export-json "$out/set.json" \
  -n pgpreflight "${pf_cmd[*]} ${files[*]}" \
  -n squawk "${sq_cmd[*]} ${files[*]}" >/dev/null 2>&1 || true
python3 - "$out/set.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
p, s = r["pgpreflight"], r["squawk"]
for name, x in (("pgpreflight", p), ("squawk", s)):
    print(f"{name:12s} wall mean={x['mean']*1000:.1f} ms "
          f"sd={x['stddev']*1000:.1f} median={x['median']*1000:.1f} ms "
          f"min={x['min']*1000:.1f} ms")
print(f"ratio squawk/pgpreflight (hyperfine): mean {s['mean']/p['mean']:.2f}x, "
      f"median {s['median']/p['median']:.2f}x")
PY

echo "one small migration: $small"
hyperfine -N -i --warmup 20 --runs 300 --export-json "$out/small.json" \
  -n pgpreflight "$pf check --no-db --format json $small" \
  -n squawk "$sq --reporter json --pg-version 15.0 --include $sq_rules $small" \
  2>&1 | grep -vE '^ *$' || true
