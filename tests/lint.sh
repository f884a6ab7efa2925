#!/usr/bin/env bash
# Lint: every C file of ours is clang-formatted, and none uses a banned
# function (curl's list: unbounded or locale/state-dependent string calls).
set -u
cd "$(dirname "$0")/.."
files=$(git ls-files 'cmd/*.c' 'cmd/*.h' 'lib/*.c' 'lib/*.h' 'tests/*.c' 'tests/*.h' 2>/dev/null ||
  find cmd lib tests -name '*.[ch]')
rc=0
if ! command -v clang-format >/dev/null 2>&1; then
  echo "lint: clang-format is not installed (bash tests/deps.sh installs it)" >&2
  exit 1
fi
for f in $files; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || {
    echo "lint: $f is not clang-formatted (clang-format -i $f)"
    rc=1
  }
done
banned='\b(sprintf|strcpy|strcat|strncpy|strtok|sscanf|atoi|gets)[[:space:]]*\('
if grep -nE "$banned" $files; then
  echo "lint: banned function above; use snprintf, pf_buf or strtol with checks"
  rc=1
fi
[ $rc -eq 0 ] && echo "lint: $(echo "$files" | wc -l) files clean"
exit $rc
