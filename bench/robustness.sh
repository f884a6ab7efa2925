#!/usr/bin/env bash
# Robustness over a directory of SQL files (PostgreSQL's own regression SQL,
# as shipped in libpg_query's test/sql/postgres_regress/).
#
#   bash bench/robustness.sh REGRESS_DIR [PGPREFLIGHT]
#
# Runs `pgpreflight check --no-db --format json FILE` on each *.sql file
# separately, under a timeout, and prints one line per file:
#   status  exit  statements  parse_errors  file  [note]
# Exit statuses 0, 1 and 2 are fine; anything else (a signal, a sanitizer
# report, a timeout, output that is not JSON, a parse error without
# file:line:col) is a failure. Ends with a summary; exits 1 on any failure.
# Environment: PF_TIMEOUT (seconds, default 20), PF_OUT (directory for the
# raw outputs, default bench/out/robustness).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd -P)
dir=${1:?usage: robustness.sh REGRESS_DIR [PGPREFLIGHT]}
bin=${2:-$here/../build-r/pgpreflight}
timeout_s=${PF_TIMEOUT:-20}
out=${PF_OUT:-$here/out/robustness}
[ -x "$bin" ] || { echo "robustness: $bin is not executable" >&2; exit 2; }
[ -d "$dir" ] || { echo "robustness: $dir is not a directory" >&2; exit 2; }
mkdir -p "$out"
# A sanitizer report must not look like "exit 1 = findings".
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1}:exitcode=86
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}:exitcode=86
export LC_ALL=C NO_COLOR=1

files=0 ok=0 crashed=0 timedout=0 with_errors=0 bad_output=0
total_stmts=0 total_errors=0
printf '%-8s %4s %6s %6s  %s\n' status exit stmts errors file
for f in "$dir"/*.sql; do
  [ -e "$f" ] || continue
  files=$((files + 1))
  name=$(basename "$f" .sql)
  start=$(date +%s%N)
  timeout -k 5 "$timeout_s" "$bin" check --no-db --format json "$f" \
    >"$out/$name.json" 2>"$out/$name.stderr"
  rc=$?
  ms=$((($(date +%s%N) - start) / 1000000))
  status=ok note=""
  stmts=- errs=-
  if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
    status=TIMEOUT note="no result after ${timeout_s}s"
    timedout=$((timedout + 1))
  elif grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$out/$name.stderr" ||
    [ $rc -gt 2 ]; then
    status=CRASH note=$(grep -m1 -E 'ERROR: |runtime error:|SUMMARY' "$out/$name.stderr")
    [ -n "$note" ] || note="exit status $rc"
    crashed=$((crashed + 1))
  else
    # statements, input errors, and how many errors lack a position or
    # do not have a matching "path:line:col: error: " line on stderr.
    read -r stmts errs unplaced < <(python3 - "$out/$name.json" "$out/$name.stderr" "$f" <<'PY'
import json, re, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception:
    print("- - json"); sys.exit(0)
errs = d.get("errors", [])
bad = 0
for e in errs:
    if not (e.get("path") == sys.argv[3] and isinstance(e.get("line"), int)
            and isinstance(e.get("col"), int) and e["line"] >= 1 and e["col"] >= 1):
        bad += 1
lines = open(sys.argv[2], errors="replace").read().splitlines()
pat = re.compile(r"^[^:]+:[0-9]+:[0-9]+: error: ")
err_lines = [l for l in lines if ": error: " in l or l.startswith("error")]
bad += sum(1 for l in err_lines if not pat.match(l))
if len([l for l in lines if pat.match(l)]) != len(errs):
    bad += 1
print(d["summary"]["statements"], len(errs), bad)
PY
)
    if [ "$unplaced" = json ]; then
      status=BADOUT note="output is not JSON (exit $rc)"
      bad_output=$((bad_output + 1))
    elif [ "$unplaced" != 0 ]; then
      status=BADOUT note="$unplaced error(s) without file:line:col or stderr mismatch"
      bad_output=$((bad_output + 1))
    else
      ok=$((ok + 1))
      total_stmts=$((total_stmts + stmts))
      total_errors=$((total_errors + errs))
      [ "$errs" -gt 0 ] && with_errors=$((with_errors + 1))
    fi
  fi
  printf '%-8s %4s %6s %6s  %s %5sms %s\n' "$status" "$rc" "$stmts" "$errs" \
    "$name" "$ms" "$note"
done
echo
echo "summary: files=$files ok=$ok crashed=$crashed timed_out=$timedout" \
  "bad_output=$bad_output files_with_parse_errors=$with_errors" \
  "statements=$total_stmts parse_errors=$total_errors"
[ $((crashed + timedout + bad_output)) -eq 0 ]
