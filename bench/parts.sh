#!/usr/bin/env bash
# Python files parsed in parts give what whole files give (not run by CI).
#
#   bash bench/parts.sh [BUILD_DIR [DIR...]]
#
# Runs tests/scanparts.c (pf_scanparts, built with the tests) over the
# corpus of bench/refs.sh (or the DIRs given): the lookups of the
# benchmark and of bench/RESULTS.md, then one lookup per word ("t.WORD"
# for the WORDS most frequent words of the Python files and WORDS more at
# even steps through the rest), each scanned whole, in parts and both ways
# file by file (PF_SCAN_PARTS_VERIFY), all with --show-low (and the two
# benchmark lookups without it). Exits 1 when anything differs.
# Environment: WORDS (default 40), JOBS (default: all cores).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd -P)
root=$(cd "$here/.." && pwd -P)
build=$(realpath "${1:-$root/build}")
shift || true
tool=$build/tests/pf_scanparts
[ -x "$tool" ] || { echo "no $tool: build the tests first" >&2; exit 2; }
if [ $# -gt 0 ]; then
  dirs=("$@")
else
  dirs=()
  for d in django sqlalchemy sympy twisted; do
    dirs+=("/usr/lib/python3/dist-packages/$d")
  done
fi
jobs=()
if [ -n "${JOBS:-}" ]; then jobs=(-j "$JOBS"); fi
status=0
"$tool" --low "${jobs[@]}" django_content_type.model auth_user.last_login \
  auth_user.id auth_user.name auth_user.email django_session.session_key \
  django_content_type -- "${dirs[@]}" || status=1
"$tool" "${jobs[@]}" django_content_type.model auth_user.last_login \
  -- "${dirs[@]}" || status=1
"$tool" -q --low "${jobs[@]}" --words "${WORDS:-40}" -- "${dirs[@]}" ||
  status=1
exit $status
