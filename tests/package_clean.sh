#!/usr/bin/env bash
# The Debian package on a clean Debian 12: bash tests/package_clean.sh BUILD_DIR
# Builds the .deb with CPack, makes a minimal Debian 12 (bookworm) root with
# debootstrap (cached in BUILD_DIR/clean-debian; the first run downloads it
# from the machine's apt mirror), installs the package there with apt-get,
# which must pull its dependencies from the archive by itself, then runs
# the installed program: --version, a check of a breaking migration (exit
# 1, the finding), --db against a missing server (exit 3 from libpq, which
# the package loads with dlopen: proves the Depends line), explain, the
# manual page and completion files; then purges the package. This
# machine's own packages are not touched. Needs root.
set -u
build=$(cd "$1" && pwd -P)
root_dir=$(cd "$(dirname "$0")/.." && pwd -P)
chroot_dir=$build/clean-debian
tmp=$(mktemp -d)
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
trap 'rm -rf "$tmp"' EXIT

[ "$(id -u)" = 0 ] || { echo "FAIL: debootstrap and chroot need root"; exit 1; }
command -v debootstrap >/dev/null ||
  { echo "FAIL: debootstrap is not installed (bash tests/deps.sh)"; exit 1; }
mirror=$(sed -n 's/^URIs: *\(http[^ ]*\/debian\)$/\1/p' \
  /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)
mirror=${mirror:-http://deb.debian.org/debian}

(cd "$build" && cpack -G DEB -B "$tmp/out" >"$tmp/cpack.log" 2>&1) ||
  { cat "$tmp/cpack.log"; echo "FAIL: cpack"; exit 1; }
deb=$(ls "$tmp"/out/pgpreflight_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || { echo "FAIL: no .deb built"; exit 1; }

if [ ! -x "$chroot_dir/usr/bin/apt-get" ]; then
  rm -rf "$chroot_dir"
  echo "package_clean: debootstrap bookworm from $mirror (first run only)"
  debootstrap --variant=minbase bookworm "$chroot_dir" "$mirror" \
    >"$tmp/debootstrap.log" 2>&1 ||
    { tail -n 30 "$tmp/debootstrap.log"; echo "FAIL: debootstrap"; exit 1; }
fi
in_root() { chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
  DEBIAN_FRONTEND=noninteractive LC_ALL=C "$@"; }
# A root reused from an earlier run must not have the package already.
in_root dpkg -P pgpreflight >/dev/null 2>&1 || true
in_root dpkg-query -W pgpreflight >/dev/null 2>&1 &&
  fail "the clean root still has pgpreflight before the test"

cp "$deb" "$chroot_dir/tmp/pgpreflight.deb"
if ! in_root sh -c 'apt-get update -qq &&
    apt-get install -y -qq --no-install-recommends /tmp/pgpreflight.deb' \
  >"$tmp/install.log" 2>&1; then
  tail -n 30 "$tmp/install.log"
  echo "FAIL: apt-get install of the .deb in the clean root"
  exit 1
fi
echo "package_clean: installed $(basename "$deb") with: $(grep -o 'Setting up [^ ]*' \
  "$tmp/install.log" | sed 's/Setting up //' | tr '\n' ' ')"

v=$(in_root pgpreflight --version 2>&1)
[ "$v" = "pgpreflight $(sed -n 's/^project(pgpreflight VERSION \([0-9.]*\).*/\1/p' \
  "$root_dir/CMakeLists.txt")" ] || fail "--version printed: $v"

printf 'ALTER TABLE orders RENAME COLUMN customer_id TO client_id;\n' \
  >"$chroot_dir/tmp/m.sql"
out=$(in_root pgpreflight check --no-db /tmp/m.sql 2>&1)
rc=$?
[ "$rc" = 1 ] || fail "check exited $rc, expected 1"
grep -q '\[renaming-column\]' <<<"$out" || fail "check did not report renaming-column: $out"

out=$(in_root pgpreflight check --db 'host=/nonexistent dbname=x' /tmp/m.sql 2>&1)
rc=$?
[ "$rc" = 3 ] || fail "check --db against no server exited $rc, expected 3"
grep -q 'cannot connect to the database' <<<"$out" ||
  fail "libpq did not load or answer in the clean root: $out"

in_root pgpreflight explain renaming-column | grep -q '^safe alternative:' ||
  fail "explain did not print the safe alternative"
for f in /usr/share/man/man1/pgpreflight.1.gz /usr/share/bash-completion/completions/pgpreflight \
  /usr/share/pgpreflight/report.schema.json; do
  [ -f "$chroot_dir$f" ] || [ -f "$chroot_dir${f%.gz}" ] || fail "$f is not installed"
done

# Purge it and what it pulled in, so that a rerun on the cached root
# starts from a clean system again.
in_root sh -c 'apt-get purge -y -qq pgpreflight &&
    apt-get autoremove --purge -y -qq' >"$tmp/purge.log" 2>&1 ||
  { cat "$tmp/purge.log"; fail "apt-get purge"; }
in_root dpkg-query -W -f='${Status}' libpq5 2>/dev/null | grep -q "install ok installed" &&
  fail "libpq5 was not removed with the package (autoremove)"
[ ! -e "$chroot_dir/usr/bin/pgpreflight" ] || fail "purge left /usr/bin/pgpreflight"
rm -f "$chroot_dir/tmp/pgpreflight.deb" "$chroot_dir/tmp/m.sql"

[ "$failures" = 0 ] || exit 1
echo "package_clean: the .deb installs, runs and purges on a clean Debian 12"
