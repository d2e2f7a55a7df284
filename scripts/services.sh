#!/usr/bin/env bash
# Project-local PostgreSQL and RabbitMQ for development and tests.
#
#   scripts/services.sh start    start both (idempotent; installs them with apt when missing)
#   scripts/services.sh stop     stop both
#   scripts/services.sh status   print state (exit 0 when both run, 3 otherwise)
#   scripts/services.sh pg-restart
#                                restart PostgreSQL only (fast shutdown: open sessions are cut;
#                                the chaos suite uses this)
#   scripts/services.sh rabbitmqctl ARGS...
#                                run rabbitmqctl against our node (e.g. stop_app / start_app;
#                                the integration tests use this to take the broker down)
#
# Everything lives under ${INTAKE_LOCAL_DIR:-<repo>/.local} and listens on 127.0.0.1 only (a second,
# independent instance needs its own INTAKE_LOCAL_DIR, ports and node name, as scripts/chaos.sh does):
#   PostgreSQL  127.0.0.1:${INTAKE_PG_PORT:-55432}   role/db intake (password intake; owns the tables, used by the migrator),
#               role intake_app (password intake_app; the API and workers, bound by row-level security),
#               superuser postgres via unix socket
#   RabbitMQ    127.0.0.1:${INTAKE_RABBIT_PORT:-5673} node intake@localhost, user guest/guest, vhosts / and intake_test
#               Erlang distribution port ${INTAKE_RABBIT_DIST_PORT:-25673}; node name ${INTAKE_RABBIT_NODE:-intake@localhost}
# A system-wide RabbitMQ (5672/25672) or PostgreSQL (5432) can run side by side.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="${INTAKE_LOCAL_DIR:-$ROOT/.local}"
# Names derived from the instance (fallback data and socket directories): the default instance
# keeps its historical names, another INTAKE_LOCAL_DIR gets its own.
INSTANCE_ID="$ROOT"
if [[ "$LOCAL" != "$ROOT/.local" ]]; then INSTANCE_ID="$LOCAL"; fi
LOGS="$LOCAL/logs"

PG_PORT="${INTAKE_PG_PORT:-55432}"
RABBIT_PORT="${INTAKE_RABBIT_PORT:-5673}"
RABBIT_DIST_PORT="${INTAKE_RABBIT_DIST_PORT:-25673}"
RABBIT_NODE="${INTAKE_RABBIT_NODE:-intake@localhost}"
TIMEOUT="${INTAKE_SERVICES_TIMEOUT:-60}"

PG_DB="intake"
PG_USER="intake"
PG_PASSWORD="intake"
# The application role: may read and write rows (granted by the RowLevelSecurity migration), owns
# nothing, and cannot bypass row-level security.
PG_APP_USER="intake_app"
PG_APP_PASSWORD="intake_app"
RABBIT_VHOSTS=("/" "intake_test")
# The tests' vhost: what it holds are leftovers of earlier test runs (error queues and the like).
RABBIT_TEST_VHOST="intake_test"

log() { printf '[services] %s\n' "$*"; }
die() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [[ "$(id -u)" == 0 ]]; }

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

apt_install() {
  is_root || die "$* is not installed and this script is not running as root; install it (apt-get install $*) and retry"
  command -v apt-get >/dev/null || die "$* is not installed and apt-get is not available; install it manually"
  log "installing $* with apt-get (this can take a few minutes)"
  apt-get -o DPkg::Lock::Timeout=600 update
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y "$@"
}

# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------

PG_BIN=""
find_pg_bin() {
  if [[ -n "${INTAKE_PG_BIN:-}" ]]; then PG_BIN="$INTAKE_PG_BIN"; return; fi
  local candidate
  # Highest installed major version wins.
  # shellcheck disable=SC2012
  candidate="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "$candidate" && -x "$candidate/postgres" ]]; then PG_BIN="$candidate"; return; fi
  if command -v pg_ctl >/dev/null && [[ -x "$(dirname "$(command -v pg_ctl)")/postgres" ]]; then
    PG_BIN="$(dirname "$(command -v pg_ctl)")"; return
  fi
  PG_BIN=""
}

ensure_pg_installed() {
  find_pg_bin
  if [[ -z "$PG_BIN" ]]; then
    apt_install postgresql
    find_pg_bin
    [[ -n "$PG_BIN" ]] || die "PostgreSQL binaries not found after installing postgresql"
  fi
}

# The postgres server refuses to run as root: as root we run it as the 'postgres' OS user.
PG_OS_USER="$(id -un)"
if is_root; then PG_OS_USER="postgres"; fi

as_pg() {
  if is_root; then
    (cd / && runuser -u "$PG_OS_USER" -- "$@")
  else
    "$@"
  fi
}

# Data directory: <repo>/.local/pg. When the repo lives somewhere the postgres OS user
# cannot reach (e.g. a clone under /root), fall back to a per-repo directory in /var/tmp.
PG_BASE="$LOCAL"
if is_root && id "$PG_OS_USER" >/dev/null 2>&1 \
   && ! runuser -u "$PG_OS_USER" -- test -x "$ROOT" 2>/dev/null; then
  PG_BASE="/var/tmp/intake-$(printf '%s' "$INSTANCE_ID" | md5sum | cut -c1-10)"
fi
PG_DATA="$PG_BASE/pg"
PG_SOCK="$PG_BASE/pg-socket"
# Unix socket paths are limited to ~107 bytes.
if (( ${#PG_SOCK} + 20 > 100 )); then
  PG_SOCK="/tmp/intake-pg-$(printf '%s' "$INSTANCE_ID" | md5sum | cut -c1-10)"
fi
PG_LOG="$LOGS/postgres.log"
if [[ "$PG_BASE" != "$LOCAL" ]]; then PG_LOG="$PG_BASE/postgres.log"; fi

pg_pid() {
  [[ -f "$PG_DATA/postmaster.pid" ]] || return 1
  local pid
  pid="$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  printf '%s\n' "$pid"
}

# True when the postmaster recorded in postmaster.pid is alive and serves our data directory.
pg_running() {
  local pid
  pid="$(pg_pid)" || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 0
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$PG_DATA"
}

# shellcheck disable=SC2120
pg_psql_admin() {
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres "$@"
}

pg_write_config() {
  local conf="$PG_DATA/intake.conf"
  cat >"$conf" <<EOF
# Written by scripts/services.sh on every start; edit the script, not this file.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCK'
unix_socket_permissions = 0700
max_connections = 200
shared_buffers = 128MB
work_mem = 8MB
# Durable enough for development and tests; commits do not wait for the WAL flush.
fsync = on
synchronous_commit = off
timezone = 'UTC'
log_timezone = 'UTC'
log_destination = 'stderr'
logging_collector = off
log_line_prefix = '%m [%p] %q%u@%d '
log_min_messages = warning
log_connections = off
log_disconnections = off
EOF
  if ! grep -q "^include_if_exists = 'intake.conf'" "$PG_DATA/postgresql.conf"; then
    printf "\ninclude_if_exists = 'intake.conf'\n" >>"$PG_DATA/postgresql.conf"
  fi
  if is_root; then chown "$PG_OS_USER:" "$conf" "$PG_DATA/postgresql.conf"; fi
  chmod 600 "$conf"
}

pg_init() {
  if [[ -f "$PG_DATA/PG_VERSION" ]]; then
    local have want
    have="$(cat "$PG_DATA/PG_VERSION")"
    want="$("$PG_BIN/postgres" --version | awk '{print $3}' | cut -d. -f1)"
    [[ "$have" == "$want" ]] || die "$PG_DATA was created by PostgreSQL $have but $PG_BIN is PostgreSQL $want; remove $PG_DATA (scripts/services.sh stop && rm -rf $PG_DATA) to recreate it"
    return
  fi
  if [[ -d "$PG_DATA" ]] && [[ -n "$(ls -A "$PG_DATA" 2>/dev/null)" ]]; then
    log "removing incomplete PostgreSQL data directory $PG_DATA"
    rm -rf "$PG_DATA"
  fi
  log "initialising PostgreSQL cluster in $PG_DATA"
  mkdir -p "$PG_DATA"
  if is_root; then chown "$PG_OS_USER:" "$PG_DATA"; fi
  chmod 700 "$PG_DATA"
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 >"$LOGS/initdb.log" 2>&1 \
    || { tail -n 30 "$LOGS/initdb.log" >&2; die "initdb failed (log: $LOGS/initdb.log)"; }
}

pg_start() {
  ensure_pg_installed
  mkdir -p "$LOGS" "$PG_BASE"
  if is_root; then
    # The postgres OS user must be able to traverse into the data and socket directories.
    chmod o+x "$PG_BASE"
    if [[ "$PG_BASE" != "$LOCAL" ]]; then
      log "note: the postgres OS user cannot access $ROOT; PostgreSQL data lives in $PG_BASE"
    fi
  fi

  if pg_running; then
    log "PostgreSQL already running (pid $(pg_pid), 127.0.0.1:$PG_PORT)"
  else
    pg_init
    # Leftovers of a crash: a postmaster.pid whose process is gone (or is not ours).
    if [[ -f "$PG_DATA/postmaster.pid" ]]; then
      log "removing stale $PG_DATA/postmaster.pid"
      rm -f "$PG_DATA/postmaster.pid"
    fi
    if port_open "$PG_PORT"; then
      die "port 127.0.0.1:$PG_PORT is already in use by another process; set INTAKE_PG_PORT to a free port"
    fi
    mkdir -p "$PG_SOCK"
    rm -f "$PG_SOCK/.s.PGSQL.$PG_PORT" "$PG_SOCK/.s.PGSQL.$PG_PORT.lock"
    if is_root; then chown "$PG_OS_USER:" "$PG_SOCK"; fi
    chmod 700 "$PG_SOCK"
    touch "$PG_LOG"
    if is_root; then chown "$PG_OS_USER:" "$PG_LOG"; fi
    pg_write_config
    log "starting PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (log: $PG_LOG)"
    local out
    if ! out="$(as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$TIMEOUT" start 2>&1)"; then
      printf '%s\n' "$out" >&2
      tail -n 30 "$PG_LOG" >&2 || true
      die "PostgreSQL did not start within ${TIMEOUT}s (log: $PG_LOG)"
    fi
  fi

  local deadline=$((SECONDS + TIMEOUT))
  until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2; do
    (( SECONDS < deadline )) || die "PostgreSQL is not accepting connections on 127.0.0.1:$PG_PORT after ${TIMEOUT}s (log: $PG_LOG)"
    sleep 1
  done

  # Role and database (idempotent).
  pg_psql_admin <<SQL
SELECT 'CREATE ROLE $PG_USER' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER')\gexec
ALTER ROLE $PG_USER WITH LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
SELECT 'CREATE ROLE $PG_APP_USER' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_APP_USER')\gexec
ALTER ROLE $PG_APP_USER WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '$PG_APP_PASSWORD';
-- The owner watches the app role's sessions (pg_stat_activity: the chaos suite, the benchmark's profile).
SELECT 'GRANT pg_read_all_stats TO $PG_USER' WHERE NOT pg_has_role('$PG_USER', 'pg_read_all_stats', 'MEMBER')\gexec
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_USER' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB')\gexec
ALTER DATABASE $PG_DB OWNER TO $PG_USER;
SQL
  log "PostgreSQL ready: Host=127.0.0.1;Port=$PG_PORT;Database=$PG_DB;Username=$PG_USER;Password=$PG_PASSWORD (owner; app role $PG_APP_USER/$PG_APP_PASSWORD)"
}

pg_stop() {
  find_pg_bin
  if [[ -z "$PG_BIN" ]] || ! pg_running; then
    log "PostgreSQL not running"
    return 0
  fi
  log "stopping PostgreSQL (pid $(pg_pid))"
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t "$TIMEOUT" stop >/dev/null \
    || die "PostgreSQL did not stop within ${TIMEOUT}s"
  log "PostgreSQL stopped"
}

pg_status() {
  find_pg_bin
  if [[ -n "$PG_BIN" ]] && pg_running && "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2; then
    log "PostgreSQL: running (pid $(pg_pid), 127.0.0.1:$PG_PORT, data $PG_DATA)"
    return 0
  fi
  if [[ -n "$PG_BIN" ]] && pg_running; then
    log "PostgreSQL: process running (pid $(pg_pid)) but not accepting connections on 127.0.0.1:$PG_PORT"
  else
    log "PostgreSQL: stopped"
  fi
  return 1
}

# ---------------------------------------------------------------------------
# RabbitMQ
# ---------------------------------------------------------------------------

RMQ_BASE="$LOCAL/rabbitmq"
RMQ_HOME="$RMQ_BASE/home"
RMQ_PIDFILE="$RMQ_BASE/intake.pid"
RMQ_STARTUP_LOG="$LOGS/rabbitmq-startup.log"
RMQ_BIN=""

find_rmq_bin() {
  local d
  for d in "${INTAKE_RABBIT_BIN:-}" /usr/lib/rabbitmq/bin; do
    if [[ -n "$d" && -x "$d/rabbitmq-server" && -x "$d/rabbitmqctl" ]]; then RMQ_BIN="$d"; return; fi
  done
  if command -v rabbitmq-server >/dev/null; then
    d="$(dirname "$(readlink -f "$(command -v rabbitmq-server)")")"
    if [[ -x "$d/rabbitmqctl" ]]; then RMQ_BIN="$d"; return; fi
  fi
  RMQ_BIN=""
}

ensure_rmq_installed() {
  find_rmq_bin
  if [[ -z "$RMQ_BIN" ]]; then
    apt_install rabbitmq-server
    find_rmq_bin
    [[ -n "$RMQ_BIN" ]] || die "RabbitMQ scripts not found after installing rabbitmq-server"
  fi
}

utf8_locale() {
  if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then echo C.UTF-8; else echo C; fi
}

# Environment for our node and for the CLI tools talking to it. HOME points at a
# project-local directory holding the Erlang cookie, so it works whoever runs it
# (root in a CI clone, a developer, ...), and never touches a system instance.
RMQ_ENV=(
  "HOME=$RMQ_HOME"
  "LANG=$(utf8_locale)"
  "LC_ALL=$(utf8_locale)"
  "RABBITMQ_NODENAME=$RABBIT_NODE"
  "RABBITMQ_USE_LONGNAME=false"
  "RABBITMQ_CONF_ENV_FILE=$RMQ_BASE/rabbitmq-env.conf"
  "RABBITMQ_CONFIG_FILE=$RMQ_BASE/rabbitmq.conf"
  "RABBITMQ_ADVANCED_CONFIG_FILE=$RMQ_BASE/advanced.config"
  "RABBITMQ_ENABLED_PLUGINS_FILE=$RMQ_BASE/enabled_plugins"
  "RABBITMQ_MNESIA_BASE=$RMQ_BASE/mnesia"
  "RABBITMQ_LOG_BASE=$RMQ_BASE/log"
  "RABBITMQ_PID_FILE=$RMQ_PIDFILE"
  "RABBITMQ_DIST_PORT=$RABBIT_DIST_PORT"
  "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
  "ERL_EPMD_ADDRESS=127.0.0.1"
  "ERL_CRASH_DUMP=$LOGS/rabbitmq-erl_crash.dump"
)

rmq() {
  local tool="$1"; shift
  env -u NOTIFY_SOCKET -u RABBITMQ_NODE_PORT -u RABBITMQ_NODE_IP_ADDRESS "${RMQ_ENV[@]}" \
    "$RMQ_BIN/$tool" "$@"
}
rmqctl() { rmq rabbitmqctl -n "$RABBIT_NODE" "$@"; }

rmq_pid() {
  [[ -f "$RMQ_PIDFILE" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' <"$RMQ_PIDFILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  printf '%s\n' "$pid"
}

# The node answers and the rabbit application is running.
rmq_running() {
  [[ -n "$RMQ_BIN" && -s "$RMQ_HOME/.erlang.cookie" ]] || return 1
  rmq rabbitmq-diagnostics -n "$RABBIT_NODE" -q check_running >/dev/null 2>&1
}

rmq_write_config() {
  mkdir -p "$RMQ_BASE/mnesia" "$RMQ_BASE/log" "$RMQ_HOME" "$LOGS"
  chmod 700 "$RMQ_HOME"
  if [[ ! -s "$RMQ_HOME/.erlang.cookie" ]]; then
    (umask 077; head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32 >"$RMQ_HOME/.erlang.cookie")
  fi
  chmod 400 "$RMQ_HOME/.erlang.cookie"
  : >"$RMQ_BASE/rabbitmq-env.conf"
  printf '[].\n' >"$RMQ_BASE/enabled_plugins"
  cat >"$RMQ_BASE/rabbitmq.conf" <<EOF
# Written by scripts/services.sh on every start; edit the script, not this file.
listeners.tcp.1 = 127.0.0.1:$RABBIT_PORT
# guest/guest may only connect from loopback (the default); that is all we need.
loopback_users.guest = true
log.console = false
log.file.level = info
disk_free_limit.absolute = 50MB
# Quorum queues write every message to one write-ahead log and, when it reaches this size, copy
# the entries still in queues out to segment files in one burst (the entries wait in memory until
# then). At the default 512 MB that burst came every few minutes of benchmark and cost whichever
# scenario it landed in three times the broker CPU per message (BENCHMARKS.md, twelfth pass);
# 64 MB spreads the same work into bursts an eighth the size and holds less memory.
raft.wal_max_size_bytes = 67108864
EOF
}

# rmq_vhost_held <vhost>: why the vhost must not be deleted now, or nothing when it may be: a
# connection uses it, or it holds messages (the tests' vhost holds only leftovers of earlier runs).
# What cannot be counted holds it too.
rmq_vhost_held() {
  local vhost="$1" listing count
  if ! listing="$(rmqctl -q list_connections vhost --no-table-headers 2>/dev/null)"; then
    echo "its connections could not be listed"
    return
  fi
  count="$(grep -cxF -- "$vhost" <<<"$listing" || true)"
  if [[ "$count" != 0 ]]; then
    echo "$count connection(s) use it (stop them and start again to move it to quorum queues)"
    return
  fi
  if [[ "$vhost" == "$RABBIT_TEST_VHOST" ]]; then
    return
  fi
  if ! listing="$(rmqctl -q list_queues -p "$vhost" messages --no-table-headers 2>/dev/null)"; then
    echo "its queues could not be listed"
    return
  fi
  # A queue that is down reports no count: then the total is unknown, not 0.
  count="$(awk 'NF == 0 { next } $1 !~ /^[0-9]+$/ { unknown = 1 } { n += $1 } END { print unknown ? "an unknown number of" : n + 0 }' <<<"$listing")"
  if [[ "$count" != 0 ]]; then
    echo "it holds $count messages (drain it to move to quorum queues)"
  fi
}

rmq_start() {
  ensure_rmq_installed
  rmq_write_config
  if rmq_running; then
    log "RabbitMQ already running (node $RABBIT_NODE, 127.0.0.1:$RABBIT_PORT)"
  else
    local pid
    if pid="$(rmq_pid)"; then
      # Our node process exists but the broker is not running: still booting, or the
      # application was stopped (rabbitmqctl stop_app). Start the application if the node
      # answers (a no-op wait while booting), then wait for it below.
      log "RabbitMQ node process $pid exists but the broker is not running; starting it"
      if rmq rabbitmq-diagnostics -n "$RABBIT_NODE" -q ping >/dev/null 2>&1; then
        timeout "$TIMEOUT" env -u NOTIFY_SOCKET "${RMQ_ENV[@]}" "$RMQ_BIN/rabbitmqctl" -n "$RABBIT_NODE" -q start_app >/dev/null 2>&1 || true
      fi
    else
      if port_open "$RABBIT_PORT"; then
        die "port 127.0.0.1:$RABBIT_PORT is already in use by another process; set INTAKE_RABBIT_PORT to a free port"
      fi
      if port_open "$RABBIT_DIST_PORT"; then
        die "port 127.0.0.1:$RABBIT_DIST_PORT (Erlang distribution) is already in use; set INTAKE_RABBIT_DIST_PORT to a free port"
      fi
      rm -f "$RMQ_PIDFILE"
      log "starting RabbitMQ node $RABBIT_NODE on 127.0.0.1:$RABBIT_PORT (dist port $RABBIT_DIST_PORT; logs: $RMQ_BASE/log, $RMQ_STARTUP_LOG)"
      # Own session, immune to SIGHUP/Ctrl-C of the caller: the node outlives this script.
      (
        cd "$RMQ_BASE"
        setsid nohup env -u NOTIFY_SOCKET -u RABBITMQ_NODE_PORT -u RABBITMQ_NODE_IP_ADDRESS \
          "${RMQ_ENV[@]}" "$RMQ_BIN/rabbitmq-server" >>"$RMQ_STARTUP_LOG" 2>&1 </dev/null &
      )
    fi

    local deadline=$((SECONDS + TIMEOUT)) started=0
    while (( SECONDS < deadline )); do
      # Fails fast while the node is not reachable yet.
      if rmqctl -q await_startup --timeout 5 >/dev/null 2>&1; then started=1; break; fi
      sleep 1
    done
    if (( ! started )); then
      tail -n 30 "$RMQ_STARTUP_LOG" >&2 || true
      die "RabbitMQ node $RABBIT_NODE did not start within ${TIMEOUT}s (logs: $RMQ_STARTUP_LOG, $RMQ_BASE/log)"
    fi
  fi

  # Users, vhosts and permissions (idempotent).
  if ! rmqctl -q list_users --no-table-headers 2>/dev/null | awk '{print $1}' | grep -qx guest; then
    log "creating RabbitMQ user guest"
    rmqctl -q add_user guest guest >/dev/null
    rmqctl -q set_user_tags guest administrator >/dev/null
  fi
  # Durable queues declared without a type (MassTransit declares none) become quorum queues in these
  # vhosts: replicated in a cluster, and half the broker's CPU per persistent message of a classic
  # queue here (BENCHMARKS.md, sixth pass). Temporary and exclusive queues stay classic. A vhost
  # made before this default is recreated unless something holds it (rmq_vhost_held); otherwise it
  # is left as it is (the apps work with either type, as long as no declaration names another type).
  local existing vhost queue_type held
  existing="$(rmqctl -q list_vhosts name default_queue_type --no-table-headers)" \
    || die "could not list the RabbitMQ vhosts of node $RABBIT_NODE"
  for vhost in "${RABBIT_VHOSTS[@]}"; do
    queue_type="$(awk -F'\t' -v v="$vhost" '$1 == v { print $2 }' <<<"$existing")"
    if [[ -z "$queue_type" ]]; then
      log "creating RabbitMQ vhost $vhost (default queue type quorum)"
      rmqctl -q add_vhost "$vhost" --default-queue-type quorum >/dev/null
    elif [[ "$queue_type" != quorum ]]; then
      held="$(rmq_vhost_held "$vhost")"
      if [[ -z "$held" ]]; then
        log "recreating RabbitMQ vhost $vhost with default queue type quorum (was ${queue_type})"
        rmqctl -q delete_vhost "$vhost" >/dev/null
        rmqctl -q add_vhost "$vhost" --default-queue-type quorum >/dev/null
      else
        log "WARNING: RabbitMQ vhost $vhost keeps its default queue type ${queue_type}: $held"
      fi
    fi
    rmqctl -q set_permissions -p "$vhost" guest '.*' '.*' '.*' >/dev/null
  done

  local deadline=$((SECONDS + TIMEOUT))
  until port_open "$RABBIT_PORT"; do
    (( SECONDS < deadline )) || die "RabbitMQ is not accepting AMQP connections on 127.0.0.1:$RABBIT_PORT"
    sleep 1
  done
  log "RabbitMQ ready: amqp://guest:guest@127.0.0.1:$RABBIT_PORT (vhosts: ${RABBIT_VHOSTS[*]})"
}

rmq_stop() {
  find_rmq_bin
  local pid=""
  pid="$(rmq_pid)" || pid=""
  if [[ -z "$RMQ_BIN" ]] || { [[ -z "$pid" ]] && ! rmq_running; }; then
    log "RabbitMQ not running"
    rm -f "$RMQ_PIDFILE"
    return 0
  fi
  log "stopping RabbitMQ node $RABBIT_NODE${pid:+ (pid $pid)}"
  if [[ -n "$pid" ]]; then
    timeout "$TIMEOUT" env -u NOTIFY_SOCKET "${RMQ_ENV[@]}" "$RMQ_BIN/rabbitmqctl" -n "$RABBIT_NODE" -q stop "$RMQ_PIDFILE" >/dev/null 2>&1 || true
    local deadline=$((SECONDS + 15))
    while kill -0 "$pid" 2>/dev/null; do
      if (( SECONDS >= deadline )); then
        log "RabbitMQ did not stop gracefully; killing pid $pid"
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 1
    done
  else
    timeout "$TIMEOUT" env -u NOTIFY_SOCKET "${RMQ_ENV[@]}" "$RMQ_BIN/rabbitmqctl" -n "$RABBIT_NODE" -q stop >/dev/null 2>&1 || true
  fi
  rm -f "$RMQ_PIDFILE"
  log "RabbitMQ stopped"
}

rmq_status() {
  find_rmq_bin
  if rmq_running; then
    local pid
    pid="$(rmq_pid)" || pid="?"
    log "RabbitMQ: running (node $RABBIT_NODE, pid $pid, amqp 127.0.0.1:$RABBIT_PORT, data $RMQ_BASE)"
    return 0
  fi
  if rmq_pid >/dev/null; then
    log "RabbitMQ: process running (pid $(rmq_pid)) but the node is not ready"
  else
    log "RabbitMQ: stopped"
  fi
  return 1
}

# ---------------------------------------------------------------------------

usage() { echo "usage: $0 start|stop|status|pg-restart|rabbitmqctl ARGS..." >&2; exit 2; }

main() {
  [[ $# -ge 1 ]] || usage
  if [[ "$1" == rabbitmqctl ]]; then
    shift
    find_rmq_bin
    [[ -n "$RMQ_BIN" ]] || die "RabbitMQ is not installed (run: scripts/services.sh start)"
    [[ -s "$RMQ_HOME/.erlang.cookie" ]] || die "RabbitMQ node $RABBIT_NODE was never started (run: scripts/services.sh start)"
    rmqctl "$@"
    return
  fi
  [[ $# -eq 1 ]] || usage
  case "$1" in
    start)
      mkdir -p "$LOGS"
      pg_start
      rmq_start
      log "all services running (stop them with: scripts/services.sh stop)"
      ;;
    stop)
      rmq_stop
      pg_stop
      ;;
    pg-restart)
      mkdir -p "$LOGS"
      pg_stop
      pg_start
      ;;
    status)
      local rc=0
      pg_status || rc=3
      rmq_status || rc=3
      exit "$rc"
      ;;
    *) usage ;;
  esac
}

main "$@"
