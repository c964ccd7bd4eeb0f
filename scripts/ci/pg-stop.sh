#!/usr/bin/env bash
# Stops the server pg-start.sh started and removes its directory.
set -uo pipefail
[ -n "${PG_TEST_DIR:-}" ] || exit 0
if [ "$(id -u)" = "0" ]; then
  su postgres -s /bin/bash -c "'$PG_TEST_BIN/pg_ctl' -D '$PG_TEST_DIR/data' -m fast stop" >/dev/null 2>&1
else
  "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m fast stop >/dev/null 2>&1
fi
rm -rf "$PG_TEST_DIR"
