#!/usr/bin/env bash
# The man page and the bash completion stay true to the program:
#   bash tests/docs.sh PGPREFLIGHT_BINARY
# every option and command of `pgpreflight --help` is in pgpreflight(1) and
# in the completion, every option the man page documents exists, the page
# renders without groff warnings, and the completion completes.
set -u
root=$(cd "$(dirname "$0")/.." && pwd -P)
bin=$1
man=$root/cmd/pgpreflight/pgpreflight.1
comp=$root/cmd/pgpreflight/pgpreflight.bash-completion
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

help=$("$bin" --help) || fail "--help failed"
# The man page source with troff's \- turned into plain dashes.
man_text=$(sed 's/\\-/-/g' "$man")
help_opts=$(grep -oE '(^|[ ,])--?[a-z][a-z-]*' <<<"$help" | tr -d ' ,' | sort -u)
for o in $help_opts; do
  grep -qE -- "(^|[^a-z-])$o([^a-z-]|$)" <<<"$man_text" ||
    fail "option $o of --help is not in pgpreflight.1"
  case $o in
  --force) grep -qF -- "--force" "$comp" || fail "--force not in the completion" ;;
  *) grep -qE -- "(^|[ \"])$o([ \"]|$)" "$comp" || fail "option $o of --help is not in the completion" ;;
  esac
done
# Options documented in the OPTIONS section must exist.
man_opts=$(awk '/^\.SH OPTIONS/{on=1; next} /^\.SH/{on=0} on' "$man" |
  sed 's/\\-/-/g' | grep -E '^\.(B|BI|BR) ' | grep -oE -- '--?[a-z][a-z-]*' | sort -u)
[ -n "$man_opts" ] || fail "no option found in pgpreflight.1's OPTIONS"
for o in $man_opts; do
  grep -qE -- "(^|[ ,])$o([^a-z-]|$)" <<<"$help" ||
    fail "option $o of pgpreflight.1 is not in --help"
done
commands=$(awk '/^commands:/{on=1; next} /^$/{on=0} on' <<<"$help" |
  grep -oE '^  [a-z][a-z-]*' | tr -d ' ')
[ -n "$commands" ] || fail "no command found in --help"
for c in $commands; do
  grep -qE -- "^\.B(I)? \"?$(sed 's/-/\\\\-/g' <<<"$c")" "$man" ||
    fail "command $c is not in pgpreflight.1's COMMANDS"
  grep -qE -- "commands=.*$c" "$comp" || fail "command $c is not in the completion"
done

# The page renders without warnings.
if command -v man >/dev/null; then
  warn=$(LC_ALL=C MANWIDTH=80 man --warnings -l "$man" 2>&1 >/dev/null)
  [ -z "$warn" ] || fail "pgpreflight.1 renders with warnings: $warn"
else
  fail "man is not installed (bash tests/deps.sh installs man-db)"
fi

# The completion completes: commands, option values and rule ids.
complete_words() { # the words typed so far; prints the candidates
  bash -c '
    pgpreflight() { "$PF_BIN" "$@"; }
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    _pgpreflight
    printf "%s\n" "${COMPREPLY[@]}"' _ "$comp" "$@"
}
export PF_BIN=$bin
[ "$(complete_words pgpreflight ins)" = install-hook ] || fail "completion: commands"
[ "$(complete_words pgpreflight check --fail-on w)" = warning ] || fail "completion: --fail-on values"
[ "$(complete_words pgpreflight check --sta)" = --staged ] || fail "completion: check options"
complete_words pgpreflight explain renaming-c | grep -qx renaming-column ||
  fail "completion: rule ids for explain"

if [ "$failures" -gt 0 ]; then
  echo "docs: $failures failure(s)"
  exit 1
fi
echo "docs: man page and completion agree with --help ($(wc -w <<<"$help_opts") options, $(wc -w <<<"$commands") commands)"
