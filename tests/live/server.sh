#!/bin/sh
# The ctest fixture around pgtmp.sh: start/stop the live tests' server.
# SPDX-License-Identifier: MIT
#
#   server.sh start DIR PORT DSN_FILE   writes the DSN to DSN_FILE
#   server.sh stop DIR DSN_FILE
#
# With PF_TEST_DSN set, that server is used: nothing is started or stopped.
# When no server can start, exits 77 (skipped), or 1 under CI=true.
set -u
here=$(cd "$(dirname "$0")" && pwd)
cmd=${1:-}
case $cmd in
start)
  dir=$2 port=$3 dsn_file=$4
  rm -f "$dsn_file"
  if [ -n "${PF_TEST_DSN:-}" ]; then
    printf '%s\n' "$PF_TEST_DSN" >"$dsn_file"
    echo "using PF_TEST_DSN"
    exit 0
  fi
  # A server left behind by an interrupted run.
  "$here/pgtmp.sh" stop "$dir" >/dev/null 2>&1
  rm -rf "$dir"
  if dsn=$("$here/pgtmp.sh" start "$dir" "$port"); then
    printf '%s\n' "$dsn" >"$dsn_file"
    echo "started: $dsn"
    exit 0
  fi
  if [ "${CI:-}" = true ]; then
    echo "server.sh: the test server could not start (CI=true: failing)" >&2
    exit 1
  fi
  echo "server.sh: the test server could not start; live tests are skipped" >&2
  exit 77
  ;;
stop)
  dir=$2 dsn_file=$3
  if [ -z "${PF_TEST_DSN:-}" ]; then
    "$here/pgtmp.sh" stop "$dir"
  fi
  rm -f "$dsn_file"
  exit 0
  ;;
*)
  echo "usage: server.sh start DIR PORT DSN_FILE | stop DIR DSN_FILE" >&2
  exit 2
  ;;
esac
