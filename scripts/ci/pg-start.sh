#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on loopback for the test suite and prints its URL.
# Usage: source <(scripts/ci/pg-start.sh)   → exports TEST_DATABASE_URL and PG_TEST_DIR
# Installs Debian's postgresql package when it is missing. The server runs as the postgres user
# (PostgreSQL refuses to run as root) from a temporary directory; pg-stop.sh removes it.
set -euo pipefail
# A free port unless one is given, so a server left running elsewhere cannot collide.
PORT="${PG_TEST_PORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "installing postgresql..." >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
  BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi
DIR="$(mktemp -d /tmp/realise-pg.XXXXXX)"
RUN_AS=()
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home "$DIR" postgres
  chown postgres "$DIR"
  RUN_AS=(su postgres -s /bin/bash -c)
else
  RUN_AS=(bash -c)
fi
"${RUN_AS[@]}" "'$BIN/initdb' -D '$DIR/data' -A trust -U postgres --no-sync >/dev/null"
"${RUN_AS[@]}" "'$BIN/pg_ctl' -D '$DIR/data' -l '$DIR/log' -w -o \"-p $PORT -k '$DIR' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start >/dev/null"
echo "export PG_TEST_DIR='$DIR'"
echo "export PG_TEST_BIN='$BIN'"
echo "export TEST_DATABASE_URL='postgres://postgres@127.0.0.1:$PORT/postgres'"
