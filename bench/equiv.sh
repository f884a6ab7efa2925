#!/usr/bin/env bash
# Two builds of pgpreflight print the same references (not run by CI).
#
#   bash bench/equiv.sh OLD_PGPREFLIGHT NEW_PGPREFLIGHT [DIR...]
#
# Runs `refs TARGET --format json` with both binaries over the corpus of
# bench/refs.sh (or the DIRs given), with and without --show-low, and
# compares the output byte for byte, for: the lookups of the benchmark and
# of bench/RESULTS.md, table-only lookups, and "auth_user.WORD" for the
# WORDS most frequent words of the Python files and WORDS more at even
# steps through the rest (names in code, strings and comments, keywords,
# rare ones). Prints each difference and exits 1 if there is any.
# Environment: WORDS (default 50), JOBS (-j of both; default: all cores).
set -euo pipefail

old=$(realpath "$1")
new=$(realpath "$2")
shift 2
if [ $# -gt 0 ]; then
  dirs=("$@")
else
  dirs=()
  for d in django sqlalchemy sympy twisted; do
    dirs+=("/usr/lib/python3/dist-packages/$d")
  done
fi
export LC_ALL=C NO_COLOR=1
code=()
for d in "${dirs[@]}"; do code+=(--code "$d"); done
jobs=()
if [ -n "${JOBS:-}" ]; then jobs=(-j "$JOBS"); fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

words=${WORDS:-50}
find "${dirs[@]}" -name '*.py' -type f -print0 | xargs -0 cat |
  grep -o '[A-Za-z_][A-Za-z0-9_]*' | sort | uniq -c | sort -k1,1nr -k2 |
  awk '{ print $2 }' >"$tmp/words"
total=$(wc -l <"$tmp/words")
targets=(django_content_type.model auth_user.last_login auth_user.id
  auth_user.name auth_user.email django_session.session_key
  django_content_type.app_label auth_permission.codename
  django_admin_log.object_id auth_user.username django_content_type
  auth_user django_session)
while read -r w; do targets+=("auth_user.$w"); done < <(head -n "$words" "$tmp/words")
step=$(((total - words) / words + 1))
while read -r w; do targets+=("auth_user.$w"); done < <(
  tail -n +"$((words + 1))" "$tmp/words" | awk -v s="$step" 'NR % s == int(s / 2) + 1')

status=0
n=0
for t in "${targets[@]}"; do
  for low in --show-low ""; do
    "$old" refs "$t" $low --format json "${jobs[@]}" "${code[@]}" >"$tmp/old" 2>&1 || true
    "$new" refs "$t" $low --format json "${jobs[@]}" "${code[@]}" >"$tmp/new" 2>&1 || true
    n=$((n + 1))
    if ! cmp -s "$tmp/old" "$tmp/new"; then
      echo "DIFFERS: refs $t $low"
      diff "$tmp/old" "$tmp/new" | head -20
      status=1
    fi
  done
done
echo "$n lookups compared ($((${#targets[@]})) targets, with and without --show-low): $([ $status = 0 ] && echo all identical || echo differences above)"
exit $status
