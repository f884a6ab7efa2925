#!/usr/bin/env bash
# The README's rule reference is the program's: bash tests/rule_reference.sh
# PGPREFLIGHT_BINARY. The text between <!-- rule-reference:begin --> and
# <!-- rule-reference:end --> must equal `pgpreflight rules --format
# markdown`, so every rule's explanation, bad example and safe alternative
# in README.md is the one `pgpreflight explain` prints.
set -u
root=$(cd "$(dirname "$0")/.." && pwd -P)
readme=$root/README.md
want=$("$1" rules --format markdown) || { echo "FAIL: rules --format markdown failed"; exit 1; }
have=$(awk '/^<!-- rule-reference:end -->$/{on=0} on; /^<!-- rule-reference:begin -->$/{on=1}' "$readme")
if [ "$want" != "$have" ]; then
  echo "FAIL: README.md's rule reference differs from 'pgpreflight rules --format markdown':"
  diff <(printf '%s\n' "$have") <(printf '%s\n' "$want") | head -40
  echo "(regenerate it: replace the text between the markers with that command's output)"
  exit 1
fi
n=$(grep -c '^<details><summary><code>' <<<"$have")
echo "rule reference: $n rules, equal to the program's"
