#!/usr/bin/env bash
# The anchors SARIF's helpUri points at (--help-uri-base URL gives
# URL#RULE-ID): bash tests/readme_anchors.sh PGPREFLIGHT_BINARY
# Every rule of `pgpreflight rules` has exactly one <a name="RULE-ID"></a>
# in README.md, at the start of its row of a rule table, and no heading's
# GitHub anchor (lowercased, punctuation other than "-" and "_" dropped,
# spaces turned into "-") is also a rule id, so URL#RULE-ID lands on the row.
set -u
root=$(cd "$(dirname "$0")/.." && pwd -P)
readme=$root/README.md
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
ids=$("$1" rules | awk '{print $1}')
[ -n "$ids" ] || { echo "FAIL: pgpreflight rules listed nothing"; exit 1; }
n=0
for id in $ids; do
  n=$((n + 1))
  c=$(grep -cF "<a name=\"$id\"></a>" "$readme")
  [ "$c" = 1 ] || fail "README.md has $c anchors named $id, expected 1"
  grep -qF "| <a name=\"$id\"></a>\`$id\` |" "$readme" ||
    fail "the anchor of $id does not start its rule-table row"
done
# Headings outside code blocks, as GitHub makes their anchors.
slugs=$(awk '/^```/{code = !code; next} !code && /^#+ /' "$readme" |
  sed -E 's/^#+ +//' | tr 'A-Z' 'a-z' | sed -E 's/[^a-z0-9 _-]//g; s/ /-/g')
for id in $ids; do
  grep -qxF -- "$id" <<<"$slugs" && fail "a heading's anchor is the rule id $id"
done
# Anchors that name no rule (a renamed or mistyped id); one quoted in
# backticks is prose, not an anchor.
for a in $(grep -oE '(^|[^`])<a name="[^"]*"></a>' "$readme" | sed -E 's/.*<a name="([^"]*)".*/\1/'); do
  grep -qxF -- "$a" <<<"$ids" || fail "README.md anchor $a names no rule"
done
if [ "$failures" -gt 0 ]; then
  echo "readme_anchors: $failures failure(s)"
  exit 1
fi
echo "readme_anchors: $n rules, one anchor each, no heading anchor clashes"
