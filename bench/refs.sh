#!/usr/bin/env bash
# Code-reference lookup: pgpreflight vs rg -w vs ast-grep (not run by CI).
#
#   bash bench/refs.sh [PGPREFLIGHT [DIR...]]
#
# 1. The corpus: the DIRs given, or else the Python sources that Debian ships
#    in python3-django, python3-sqlalchemy, python3-sympy and python3-twisted
#    (installed with apt-get when missing): code no one here wrote, well over
#    1,000,000 lines. Prints the number of lines (wc -l over the *.py files).
# 2. The lookup: every use of the column auth_user.last_login (Django's own
#    table). rg searches for the word, ast-grep for the identifier pattern in
#    Python, pgpreflight runs `refs TABLE.COLUMN --show-low` with --code on
#    each DIR.
# 3. Runs the three tools RUNS times, alternating, under GNU time: wall
#    time, user+sys CPU time and peak RSS; prints medians and the ratios to
#    rg, and writes the raw figures to bench/out/refs/.
# ast-grep (npm @ast-grep/cli, pinned) is installed into bench/work/, which
# is gitignored; its prebuilt binary is called directly so that node's
# start-up is not counted against it.
# Environment: RUNS (default 5), JOBS (pgpreflight -j; default: all cores),
# COLUMN (default last_login), TABLE (default auth_user),
# AST_GREP_VERSION (default 0.51.1).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd -P)
root=$(cd "$here/.." && pwd -P)
pf=$(realpath "${1:-$root/build/pgpreflight}")
shift || true
runs=${RUNS:-5}
column=${COLUMN:-last_login}
table=${TABLE:-auth_user}
version=${AST_GREP_VERSION:-0.51.1}
work=$here/work
out=$here/out/refs
mkdir -p "$work" "$out"
export LC_ALL=C NO_COLOR=1

command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null
command -v rg >/dev/null || apt-get install -y ripgrep >/dev/null

if [ $# -gt 0 ]; then
  dirs=("$@")
else
  pkgs=(python3-django python3-sqlalchemy python3-sympy python3-twisted)
  missing=()
  for p in "${pkgs[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get install -y "${missing[@]}" >/dev/null
  fi
  dirs=()
  for d in django sqlalchemy sympy twisted; do
    dirs+=("/usr/lib/python3/dist-packages/$d")
  done
fi

sg=$work/node_modules/@ast-grep/cli-linux-x64-gnu/ast-grep
if [ ! -x "$sg" ] || ! "$sg" --version | grep -qx "ast-grep $version"; then
  npm install --silent --no-audit --no-fund --prefix "$work" \
    "@ast-grep/cli@$version" >/dev/null
fi
"$sg" --version >/dev/null

files=$(find "${dirs[@]}" -name '*.py' -type f | wc -l)
lines=$(find "${dirs[@]}" -name '*.py' -type f -print0 | xargs -0 cat | wc -l)
bytes=$(find "${dirs[@]}" -name '*.py' -type f -print0 | xargs -0 cat | wc -c)
echo "corpus: ${dirs[*]}"
echo "corpus: $files Python files, $lines lines, $bytes bytes"

code_args=()
for d in "${dirs[@]}"; do code_args+=(--code "$d"); done
jobs_args=()
if [ -n "${JOBS:-}" ]; then jobs_args=(-j "$JOBS"); fi

# --show-low: plain identifiers too, which is what rg -w and the ast-grep
# pattern look for (pgpreflight still drops comments and unrelated strings).
rg_cmd=(rg -w -t py "$column" "${dirs[@]}")
sg_cmd=("$sg" run --pattern "$column" --lang python "${dirs[@]}")
pf_cmd=("$pf" refs "$table.$column" --show-low "${jobs_args[@]}"
  "${code_args[@]}")

# What each one finds (not timed).
"${rg_cmd[@]}" >"$out/rg.txt" || true
"${sg_cmd[@]}" >"$out/ast-grep.txt" || true
"${pf_cmd[@]}" >"$out/pgpreflight.txt" 2>"$out/pgpreflight.err" || true
echo "matches: rg $(wc -l <"$out/rg.txt") lines," \
  "ast-grep $(grep -c "$column" "$out/ast-grep.txt" || true) lines," \
  "pgpreflight $(tail -1 "$out/pgpreflight.txt" | grep -o '^[0-9]*' || echo 0) references"
tail -1 "$out/pgpreflight.txt" || true

# One measurement: "wall user sys maxrss_kb".
measure() {
  /usr/bin/time -f '%e %U %S %M' -o "$out/time.tmp" "$@" >/dev/null 2>&1 || true
  tail -1 "$out/time.tmp"
}

: >"$out/raw.txt"
for ((i = 0; i < runs; i++)); do
  echo "rg $(measure "${rg_cmd[@]}")" >>"$out/raw.txt"
  echo "pgpreflight $(measure "${pf_cmd[@]}")" >>"$out/raw.txt"
  echo "ast-grep $(measure "${sg_cmd[@]}")" >>"$out/raw.txt"
done

# Median of a column for a tool.
median() {
  awk -v t="$1" -v c="$2" '$1 == t { print $c }' "$out/raw.txt" | sort -g |
    awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
printf '\n%-12s %10s %10s %12s\n' "median of $runs" "wall s" "cpu s" "peak RSS MB"
for t in rg pgpreflight ast-grep; do
  wall=$(median "$t" 2)
  cpu=$(awk -v t="$t" '$1 == t { print $3 + $4 }' "$out/raw.txt" | sort -g |
    awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  rss=$(median "$t" 5)
  printf '%-12s %10.3f %10.3f %12.1f\n' "$t" "$wall" "$cpu" "$(echo "$rss / 1024" | bc -l)"
  eval "wall_${t//-/_}=$wall"
done
echo
echo "pgpreflight / rg wall:       $(echo "scale=2; $wall_pgpreflight / $wall_rg" | bc -l)x (goal <= 1.5x)"
echo "ast-grep / pgpreflight wall: $(echo "scale=1; $wall_ast_grep / $wall_pgpreflight" | bc -l)x (goal >= 10x)"
echo "raw figures: $out/raw.txt"
