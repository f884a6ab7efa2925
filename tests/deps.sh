#!/usr/bin/env bash
# Installs what building, testing and the demo need, idempotently, on Debian 12
# as root (or with sudo). Packages already present are not reinstalled.
set -euo pipefail

packages=(build-essential clang clang-format libclang-rt-14-dev cmake pkg-config git nodejs npm
          libpg-query-dev libprotobuf-c-dev libpq-dev libtree-sitter-dev
          libcjson-dev postgresql-15 postgresql-contrib python3
          pre-commit man-db dpkg-dev debootstrap
          python3-yaml python3-django python3-psycopg2 alembic python3-alembic
          python3-sqlalchemy ruby-activerecord ruby-pg)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
# node and npm may come from elsewhere than Debian's packages; accept them.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  filtered=()
  for p in "${missing[@]}"; do
    case "$p" in nodejs|npm) ;; *) filtered+=("$p") ;; esac
  done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi
# A freshly installed postgresql-15 starts a cluster on port 5432; the tests
# run their own throwaway servers and do not need it.

# The schema tests' validators (ajv, ajv-formats) and the SARIF 2.1.0 schema,
# pinned in tests/schema/package-lock.json; reinstalled only when the lock
# file changed since the last install.
schema_dir="$(cd "$(dirname "$0")" && pwd)/schema"
if [ -f "$schema_dir/package-lock.json" ] &&
   ! cmp -s "$schema_dir/package-lock.json" "$schema_dir/node_modules/.pf-installed-lock"; then
  echo "deps: npm ci in tests/schema"
  (cd "$schema_dir" && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
  cp "$schema_dir/package-lock.json" "$schema_dir/node_modules/.pf-installed-lock"
fi
