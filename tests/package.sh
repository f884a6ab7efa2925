#!/usr/bin/env bash
# The Debian package, for real: bash tests/package.sh BUILD_DIR
# Builds the .deb with CPack, checks its contents, installs it with dpkg,
# runs the installed program, finds its manual page with man -w and its
# bash completion, then removes the package: the machine is left as it was.
# Needs root. Refuses (fails) when a pgpreflight package is already
# installed, rather than replace someone's installation.
set -u
build=$(cd "$1" && pwd -P)
root=$(cd "$(dirname "$0")/.." && pwd -P)
tmp=$(mktemp -d)
installed=0
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
cleanup() {
  if [ "$installed" = 1 ]; then
    dpkg_locked -P pgpreflight >/dev/null || echo "FAIL: could not remove the package"
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# dpkg with a wait for the lock another package manager may hold.
dpkg_locked() {
  for _ in $(seq 1 120); do
    out=$(dpkg "$@" 2>&1) && { echo "$out"; return 0; }
    grep -q "lock" <<<"$out" || { echo "$out" >&2; return 1; }
    sleep 1
  done
  echo "$out" >&2
  return 1
}

[ "$(id -u)" = 0 ] || { echo "FAIL: installing a package needs root"; exit 1; }
# One package test at a time on this machine (several builds may run it).
exec 9>/tmp/pgpreflight-package-test.lock
flock -w 600 9 || { echo "FAIL: another package test holds the lock"; exit 1; }
if dpkg-query -W -f='${Status}' pgpreflight 2>/dev/null | grep -q "installed"; then
  echo "FAIL: a pgpreflight package is already installed; not touching it"
  exit 1
fi

(cd "$build" && cpack -G DEB -B "$tmp/out" >"$tmp/cpack.log" 2>&1) ||
  { cat "$tmp/cpack.log"; echo "FAIL: cpack"; exit 1; }
deb=$(ls "$tmp"/out/pgpreflight_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || { echo "FAIL: no .deb built"; exit 1; }
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes"

contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/pgpreflight ./usr/share/man/man1/pgpreflight.1 \
  ./usr/share/bash-completion/completions/pgpreflight \
  ./usr/share/doc/pgpreflight/copyright; do
  grep -qE " $f\$" <<<"$contents" || fail "$f is not in the package"
done
depends=$(dpkg-deb -f "$deb" Depends)
echo "package: Depends: $depends"
# tree-sitter is linked statically when its archive exists (CMakeLists.txt).
for dep in libpq5 libcjson1; do
  grep -q "$dep" <<<"$depends" || fail "Depends lacks $dep"
done
# Every dependency must already be here: installing must not change more
# than this one package.
for dep in $(tr ',' '\n' <<<"$depends" | sed 's/(.*)//; s/|.*//' | tr -d ' '); do
  dpkg-query -W -f='${Status}' "$dep" 2>/dev/null | grep -q "install ok installed" ||
    fail "dependency $dep is not installed (bash tests/deps.sh); not installing"
done
[ "$failures" = 0 ] || exit 1

dpkg_locked -i "$deb" >"$tmp/dpkg.log" || { cat "$tmp/dpkg.log"; echo "FAIL: dpkg -i"; exit 1; }
installed=1
[ "$(/usr/bin/pgpreflight --version)" = "pgpreflight $(sed -n 's/^project(pgpreflight VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")" ] ||
  fail "installed --version: $(/usr/bin/pgpreflight --version)"
page=$(man -w pgpreflight 2>&1)
[ "$page" = /usr/share/man/man1/pgpreflight.1 ] || fail "man -w pgpreflight: $page"
LC_ALL=C MANWIDTH=80 man pgpreflight 2>/dev/null | grep -q "MIGRATION LAYOUTS" ||
  fail "man pgpreflight does not show the page"
bash -c 'source /usr/share/bash-completion/completions/pgpreflight && complete -p pgpreflight' >/dev/null 2>&1 ||
  fail "the bash completion does not load"
(cd "$root/testdata/cases/004-dropping-column" &&
  LC_ALL=C /usr/bin/pgpreflight check --no-db migration.sql >"$tmp/check.out" 2>&1)
rc=$?
[ "$rc" = 0 ] || [ "$rc" = 1 ] || fail "installed check: exit $rc"
grep -q "\[dropping-column\]" "$tmp/check.out" || fail "installed check: no finding"

dpkg_locked -P pgpreflight >/dev/null || fail "dpkg -P"
installed=0
[ ! -e /usr/bin/pgpreflight ] || fail "/usr/bin/pgpreflight left after removal"
[ ! -e /usr/share/man/man1/pgpreflight.1 ] || fail "man page left after removal"
dpkg-query -W -f='${Status}' pgpreflight 2>/dev/null | grep -q "installed" &&
  fail "package still installed after removal"

if [ "$failures" -gt 0 ]; then
  echo "package: $failures failure(s)"
  exit 1
fi
echo "package: built, installed, ran, man -w found the page, removed"
