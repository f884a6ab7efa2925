#!/bin/sh
# A throwaway PostgreSQL 15 cluster for the live tests and the demo.
# SPDX-License-Identifier: MIT
#
#   pgtmp.sh start DIR PORT   initdb DIR/data, start it on the unix socket
#                             DIR/sock (no TCP), print the DSN on stdout
#   pgtmp.sh stop DIR         stop it (fast); DIR is left for the caller
#
# Run as root, the cluster belongs to the postgres OS user (the server
# refuses to run as root); otherwise it belongs to the current user.
set -eu

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

die()
{
  echo "pgtmp.sh: $*" >&2
  exit 1
}

usage()
{
  echo "usage: pgtmp.sh start DIR PORT | pgtmp.sh stop DIR" >&2
  exit 2
}

# Runs "$@" as the cluster's owner.
as_owner()
{
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

abspath()
{
  (cd "$1" && pwd -P)
}

start()
{
  dir=$1
  port=$2
  case $port in
  '' | *[!0-9]*) die "PORT must be a number, got '$port'" ;;
  esac
  [ -x "$PGBIN/initdb" ] ||
    die "$PGBIN/initdb not found: install postgresql-15 (apt-get install postgresql-15)"
  mkdir -p "$dir"
  dir=$(abspath "$dir")
  sock=$dir/sock
  # Unix socket paths are limited to 107 bytes (sun_path).
  sockfile="$sock/.s.PGSQL.$port"
  [ "${#sockfile}" -le 107 ] ||
    die "socket path too long (${#sockfile} > 107 bytes): $sockfile; use a shorter DIR"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user"
    chown postgres "$dir"
    chmod 0755 "$dir"
    as_owner test -x "$dir" ||
      die "user postgres cannot reach $dir (a parent directory is not searchable)"
    user=postgres
  else
    user=$(id -un)
  fi
  if [ -f "$dir/data/postmaster.pid" ] &&
    as_owner "$PGBIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    die "a server is already running in $dir/data; run 'pgtmp.sh stop $dir' first"
  fi
  as_owner mkdir -p "$sock"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    rm -rf "$dir/data"
    as_owner "$PGBIN/initdb" -D "$dir/data" -U "$user" -A trust -E UTF8 \
      --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
      die "initdb failed; see $dir/initdb.log: $(tail -n 3 "$dir/initdb.log" | tr '\n' ' ')"
    cat >>"$dir/data/postgresql.conf" <<EOF

# pgtmp.sh: a private, throwaway test server.
listen_addresses = ''
unix_socket_directories = '$sock'
port = $port
fsync = off
synchronous_commit = off
full_page_writes = off
# No autovacuum: a VACUUM that runs between a case's setup and its check
# adds the visibility map and free space map forks (the sizes in a report
# change) and new statistics (its row estimates change). Cases ANALYZE
# what they need themselves.
autovacuum = off
logging_collector = off
log_statement = 'all'
log_line_prefix = '%m [%p] %a '
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all
EOF
  fi
  # Written by the owner, so the server can append to it.
  as_owner touch "$dir/server.log"
  if ! as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -t 60 -o "-p $port -k $sock" start >"$dir/pg_ctl.log" 2>&1; then
    echo "pgtmp.sh: the server did not start on port $port; last log lines:" >&2
    tail -n 10 "$dir/server.log" >&2 || true
    exit 1
  fi
  echo "host=$sock port=$port dbname=postgres user=$user"
}

stop()
{
  dir=$1
  [ -f "$dir/data/postmaster.pid" ] || return 0
  as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 ||
    true
}

[ $# -ge 1 ] || usage
case $1 in
start)
  [ $# -eq 3 ] || usage
  start "$2" "$3"
  ;;
stop)
  [ $# -eq 2 ] || usage
  stop "$2"
  ;;
*) usage ;;
esac
