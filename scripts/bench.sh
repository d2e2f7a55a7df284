#!/usr/bin/env bash
# shellcheck disable=SC2317  # (trap handlers are called indirectly)
# Benchmark of issue 6: intake against the database's own limit, measured in the same run.
#
#   scripts/bench.sh [--smoke] [--duration S] [--no-build]
#
#   --smoke       seconds-long run of every scenario at tiny sizes; only proves the harness
#                 works (exit status non-zero on any error: a non-2xx where 2xx is expected,
#                 a burst that made two jobs, a job that did not succeed, …)
#   --duration S  measured seconds per load run (default 6; warm-up = S/3, 1–3 s)
#   --no-build    use the existing Release build (test.sh builds first)
#
# What it does: scripts/services.sh start; builds Release; drops and recreates the database
# intake_bench and the RabbitMQ vhost intake_bench, migrates; starts its own API on
# 127.0.0.1:18080; runs bench/Intake.Bench phase by phase:
#   http     submit-new, submit-nokey, replay, status at C = 1, 8, 32, each right after its
#            pgbench baseline at the same C; in-flight duplicate bursts (workers stopped)
#   relay    the API's outbox relay alone draining a backlog
#   e2e      end to end with 1, 2 and 4 worker processes (Workers__Consumers=documents),
#            each batch after an unmeasured warm-up (the processes start fresh for each count)
#   profile  one request at a time against a restarted API whose connections log every
#            statement (log_min_duration_statement = 0 on intake_bench only), round trips
#            counted with strace when it is installed
#   report   bench/results/<UTC timestamp>/report.md + PNG plots (copied to bench/results/latest.md)
# and stops everything it started. PostgreSQL and RabbitMQ keep running.
#
# --smoke uses its own database, vhost and ports (intake_bench_smoke, 18180+), so it can run
# while a full benchmark is running, and writes to bench/results/smoke/ (replaced each time).
#
# Env: INTAKE_PG_PORT (55432), INTAKE_RABBIT_PORT (5673), INTAKE_BENCH_PORT (18080 / 18180),
#      INTAKE_BENCH_WORKERS ("1 2 4" / "1"), INTAKE_BENCH_E2E_JOBS (2000 / 20),
#      INTAKE_BENCH_E2E_WARMUP (unmeasured warm-up jobs per worker process before each batch: 500 / 4),
#      INTAKE_BENCH_PHASES ("http relay e2e profile"), INTAKE_BENCH_CONCURRENCY ("1,8,32" / "1,4"),
#      INTAKE_BENCH_API_ENV (extra VAR=value pairs for the API, e.g. "Outbox__BatchSize=500"),
#      INTAKE_BENCH_WORKER_ENV (the same for every worker process, e.g. "DOTNET_gcServer=0"),
#      INTAKE_BENCH_QUEUE_TYPE (the bench vhost's default queue type: quorum, as scripts/services.sh
#      and the compose file make it, or classic for an A/B),
#      INTAKE_BENCH_PG_EXTRA (appended to the API's and workers' connection string, e.g.
#      "No Reset On Close=false"), Auth__SigningKey (default: the development key).
# Those from INTAKE_BENCH_WORKERS on are for before/after experiments without code changes (a full
# run that sets any of them does not replace bench/results/latest.md), e.g.
#   INTAKE_BENCH_PHASES=http INTAKE_BENCH_CONCURRENCY=8 INTAKE_BENCH_PG_EXTRA="No Reset On Close=false" scripts/bench.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf '[bench] %4ss %s\n' "$SECONDS" "$*"; }
die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

ORIGINAL_ARGS="$*"
SMOKE=0
BUILD=1
DURATION=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --smoke) SMOKE=1 ;;
    --no-build) BUILD=0 ;;
    --duration)
      [[ $# -ge 2 && "$2" =~ ^[0-9]+([.][0-9]+)?$ ]] || die "--duration needs a number of seconds"
      DURATION="$2"; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (usage: scripts/bench.sh [--smoke] [--duration S] [--no-build])" ;;
  esac
  shift
done

command -v dotnet >/dev/null || die "dotnet SDK not found on PATH"
command -v curl >/dev/null || die "curl is required"

PG_PORT="${INTAKE_PG_PORT:-55432}"
RABBIT_PORT="${INTAKE_RABBIT_PORT:-5673}"
CONFIG=Release
TFM=net10.0
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
if (( SMOKE )); then
  DB=intake_bench_smoke
  HTTP_PORT="${INTAKE_BENCH_PORT:-18180}"
  WORKER_COUNTS="${INTAKE_BENCH_WORKERS:-1}"
  E2E_JOBS="${INTAKE_BENCH_E2E_JOBS:-20}"
  E2E_WARMUP="${INTAKE_BENCH_E2E_WARMUP:-4}"
  RESULTS="$ROOT/bench/results/smoke"
  rm -rf "$RESULTS"
else
  DB=intake_bench
  HTTP_PORT="${INTAKE_BENCH_PORT:-18080}"
  WORKER_COUNTS="${INTAKE_BENCH_WORKERS:-1 2 4}"
  E2E_JOBS="${INTAKE_BENCH_E2E_JOBS:-2000}"
  E2E_WARMUP="${INTAKE_BENCH_E2E_WARMUP:-500}"
  RESULTS="$ROOT/bench/results/$STAMP"
fi
VHOST="$DB"
LOGS="$RESULTS/logs"
PIDS="$RESULTS/pids"
mkdir -p "$LOGS" "$PIDS"
API_URL="http://127.0.0.1:$HTTP_PORT"

API_DLL="src/Intake.Api/bin/$CONFIG/$TFM/Intake.Api.dll"
WORKERS_DLL="src/Workers/bin/$CONFIG/$TFM/Intake.Workers.dll"
MIGRATOR_DLL="src/Intake.Migrator/bin/$CONFIG/$TFM/Intake.Migrator.dll"
BENCH_DLL="bench/Intake.Bench/bin/$CONFIG/$TFM/Intake.Bench.dll"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

for port in $(seq "$HTTP_PORT" $((HTTP_PORT + 4))); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port 127.0.0.1:$port is in use (another benchmark?); set INTAKE_BENCH_PORT"
  fi
done

# PostgreSQL client tools of the local cluster (same lookup as scripts/services.sh).
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
PSQL="${PG_BIN:+$PG_BIN/psql}"; [[ -x "${PSQL:-}" ]] || PSQL="$(command -v psql || true)"
PGBENCH="${PG_BIN:+$PG_BIN/pgbench}"; [[ -x "${PGBENCH:-}" ]] || PGBENCH="$(command -v pgbench || true)"

# Where scripts/services.sh keeps the cluster's socket and log (for the superuser settings of
# the profile phase and for reading the statement log). Mirrors its rules.
LOCAL_DIR="${INTAKE_LOCAL_DIR:-$ROOT/.local}"
INSTANCE_ID="$ROOT"
if [[ "$LOCAL_DIR" != "$ROOT/.local" ]]; then INSTANCE_ID="$LOCAL_DIR"; fi
PG_BASE="$LOCAL_DIR"
if [[ "$(id -u)" == 0 ]] && id postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$ROOT" 2>/dev/null; then
  PG_BASE="/var/tmp/intake-$(printf '%s' "$INSTANCE_ID" | md5sum | cut -c1-10)"
fi
PG_SOCK="$PG_BASE/pg-socket"
if (( ${#PG_SOCK} + 20 > 100 )); then PG_SOCK="/tmp/intake-pg-$(printf '%s' "$INSTANCE_ID" | md5sum | cut -c1-10)"; fi
PG_LOG="$LOCAL_DIR/logs/postgres.log"
if [[ "$PG_BASE" != "$LOCAL_DIR" ]]; then PG_LOG="$PG_BASE/postgres.log"; fi

pg_intake() { PGPASSWORD=intake "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U intake "$@"; }
pg_admin() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres "$@"; }
rmqctl() { scripts/services.sh rabbitmqctl -q "$@"; }

# ---------------------------------------------------------------------------
# Process bookkeeping: everything started here is stopped on exit.
# ---------------------------------------------------------------------------
declare -A RUNNING=()
STATEMENT_LOG_ON=0

# start_process <name> <port> [VAR=value...] -- <command...>
start_process() {
  local name="$1" port="$2"; shift 2
  local -a vars=()
  while [[ $# -gt 0 && "$1" != "--" ]]; do vars+=("$1"); shift; done
  shift
  # The app's own folder is its content root (as in the container image): its appsettings.json
  # is read, and the configuration watcher watches that folder, not this repository (where
  # PostgreSQL and RabbitMQ write; every write would wake the watcher of every process).
  local content_root
  content_root="$(cd "$(dirname "${*: -1}")" && pwd)"
  env "${vars[@]}" DOTNET_CONTENTROOT="$content_root" ASPNETCORE_URLS="http://127.0.0.1:$port" "$@" </dev/null >>"$LOGS/$name.log" 2>&1 &
  RUNNING[$name]=$!
  printf '%s\n' "$!" >"$PIDS/$name.pid"
}

stop_process() {
  local name="$1" pid="${RUNNING[$1]:-}"
  [[ -n "$pid" ]] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 20))
  while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  unset "RUNNING[$name]"
  rm -f "$PIDS/$name.pid"
}

wait_ready() {  # wait_ready <name> <port>
  local name="$1" port="$2" deadline=$((SECONDS + 120))
  until curl -fsS -o /dev/null --max-time 3 "http://127.0.0.1:$port/health/ready" 2>/dev/null; do
    if ! kill -0 "${RUNNING[$name]}" 2>/dev/null; then
      tail -n 30 "$LOGS/$name.log" >&2 || true
      die "$name exited during startup (log: $LOGS/$name.log)"
    fi
    (( SECONDS < deadline )) || die "$name not ready within 120 s (log: $LOGS/$name.log)"
    sleep 0.5
  done
}

statement_log() {  # statement_log on|off: every statement of new intake_bench sessions in the server log
  if [[ "$1" == on ]]; then
    pg_admin -c "ALTER DATABASE $DB SET log_min_duration_statement = 0" \
             -c "ALTER DATABASE $DB SET log_parameter_max_length = 0" && STATEMENT_LOG_ON=1
  elif (( STATEMENT_LOG_ON )); then
    pg_admin -c "ALTER DATABASE $DB RESET log_min_duration_statement" \
             -c "ALTER DATABASE $DB RESET log_parameter_max_length" >/dev/null 2>&1 || true
    STATEMENT_LOG_ON=0
  fi
}

on_exit() {
  local rc=$?
  trap - EXIT INT TERM HUP
  local name
  for name in "${!RUNNING[@]}"; do stop_process "$name"; done
  statement_log off
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# ---------------------------------------------------------------------------
# Services, build, database, vhost
# ---------------------------------------------------------------------------
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if port_open "$PG_PORT" && port_open "$RABBIT_PORT"; then
  log "PostgreSQL and RabbitMQ already running"
else
  log "starting PostgreSQL and RabbitMQ (scripts/services.sh start)"
  scripts/services.sh start >"$LOGS/services.log" 2>&1 || { cat "$LOGS/services.log" >&2; die "scripts/services.sh start failed"; }
fi
[[ -x "$PSQL" ]] || die "psql not found"
[[ -x "$PGBENCH" ]] || die "pgbench not found (PostgreSQL client tools)"

if (( BUILD )); then
  log "building Intake.sln ($CONFIG)"
  dotnet build Intake.sln -c "$CONFIG" -nologo -v:quiet >"$LOGS/build.log" 2>&1 \
    || { tail -n 40 "$LOGS/build.log" >&2; die "build failed (log: $LOGS/build.log)"; }
fi
for dll in "$API_DLL" "$WORKERS_DLL" "$MIGRATOR_DLL" "$BENCH_DLL"; do
  [[ -f "$dll" ]] || die "$dll not found (build first, or drop --no-build)"
done

# Run from a private copy of the build: a rebuild of the shared work tree during the run (other
# people's builds and tests) must not swap assemblies under the processes started here.
# (Native libraries of other platforms are left out: the plotting library ships ~150 MB of them.)
case "$(uname -m)" in aarch64|arm64) NATIVE_RID=linux-arm64 ;; *) NATIVE_RID=linux-x64 ;; esac
SNAPSHOT="$ROOT/.local/bench/$DB"
rm -rf "$SNAPSHOT"
for dll in API_DLL WORKERS_DLL MIGRATOR_DLL BENCH_DLL; do
  from="$(dirname "${!dll}")" to="$SNAPSHOT/${dll%_DLL}"
  mkdir -p "$to"
  tar -C "$from" --exclude=./runtimes -cf - . | tar -C "$to" -xf -
  if [[ -d "$from/runtimes/$NATIVE_RID" ]]; then
    mkdir -p "$to/runtimes"
    cp -a "$from/runtimes/$NATIVE_RID" "$to/runtimes/"
  fi
  printf -v "$dll" '%s' "$to/$(basename "${!dll}")"
done

log "recreating database $DB and vhost $VHOST"
pg_intake -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB OWNER intake" 2>&1 | grep -v NOTICE || true
# rabbitmqctl is slow to start: recreate the vhost while the migrator runs.
{
  rmqctl delete_vhost "$VHOST" || true
  rmqctl add_vhost "$VHOST" --default-queue-type "${INTAKE_BENCH_QUEUE_TYPE:-quorum}" && rmqctl set_permissions -p "$VHOST" guest ".*" ".*" ".*"
} >"$LOGS/vhost.log" 2>&1 &
VHOST_JOB=$!

# The owner (migrator, pgbench, the harness's own reads) and the application role the API and
# workers use, bound by row-level security (both created by scripts/services.sh).
CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Database=$DB;Username=intake;Password=intake"
APP_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Database=$DB;Username=intake_app;Password=intake_app"
export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
export ConnectionStrings__IntakeMigrations="$CONNECTION"
export ConnectionStrings__Intake="$APP_CONNECTION${INTAKE_BENCH_PG_EXTRA:+;$INTAKE_BENCH_PG_EXTRA}"
export RabbitMq__Host=127.0.0.1 RabbitMq__Port="$RABBIT_PORT" RabbitMq__VirtualHost="$VHOST"
export RabbitMq__Username=guest RabbitMq__Password=guest
export Logging__LogLevel__Default=Warning
# The per-caller rate limiter stays in the path (its cost is measured) but never rejects: the
# benchmark's clients are few users sending as fast as they can, far past any per-user budget.
export RateLimiting__TokenLimit=100000000 RateLimiting__TokensPerPeriod=100000000
export Auth__SigningKey="${Auth__SigningKey:-intake-development-signing-key-0123456789abcdef}"

log "migrating $DB"
dotnet "$MIGRATOR_DLL" </dev/null >"$LOGS/migrator.log" 2>&1 \
  || { tail -n 30 "$LOGS/migrator.log" >&2; die "migrations failed (log: $LOGS/migrator.log)"; }
wait "$VHOST_JOB" || { cat "$LOGS/vhost.log" >&2; die "could not recreate the RabbitMQ vhost $VHOST"; }

# The API runs with its shipped runtime settings (src/Intake.Api/runtime.env, as run.sh and the
# image); INTAKE_BENCH_API_ENV comes after them, so it can override one for an A/B.
mapfile -t API_RUNTIME_ENV < <(grep -Ev '^[[:space:]]*(#|$)' src/Intake.Api/runtime.env)
read -r -a API_EXTRA_ENV <<<"${INTAKE_BENCH_API_ENV:-}"
API_ENV=("${API_RUNTIME_ENV[@]}" "${API_EXTRA_ENV[@]}")
read -r -a WORKER_ENV <<<"${INTAKE_BENCH_WORKER_ENV:-}"
start_api() {  # start_api <name> [VAR=value...]
  local name="$1"; shift
  start_process "$name" "$HTTP_PORT" "${API_ENV[@]}" "$@" -- dotnet "$API_DLL"
  wait_ready "$name" "$HTTP_PORT"
}

# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------
TAG="$(date -u +%H%M%S)"
BENCH_ARGS=(--results "$RESULTS" --api "$API_URL" --pg "$CONNECTION" --pgbench "$PGBENCH" --tag "$TAG")
(( SMOKE )) && BENCH_ARGS+=(--smoke)
[[ -n "${INTAKE_BENCH_CONCURRENCY:-}" ]] && BENCH_ARGS+=(--concurrency "$INTAKE_BENCH_CONCURRENCY")
PHASES=" ${INTAKE_BENCH_PHASES:-http relay e2e profile} "
wants() { [[ "$PHASES" == *" $1 "* ]]; }
[[ -n "$DURATION" ]] && BENCH_ARGS+=(--duration "$DURATION")
FAILED=()

phase() {  # phase <name> <bench command and options...>
  local name="$1" started=$SECONDS; shift
  log "phase $name"
  if ! dotnet "$BENCH_DLL" "$@" "${BENCH_ARGS[@]}"; then
    log "phase $name FAILED"
    FAILED+=("$name")
  fi
  log "phase $name: $((SECONDS - started)) s"
}

purge() { rmqctl purge_queue -p "$VHOST" process-document >/dev/null 2>&1 || true; }

{
  echo "Command: \`scripts/bench.sh${ORIGINAL_ARGS:+ $ORIGINAL_ARGS}\`, started $STAMP (UTC)."
  echo
  echo "| machine | |"
  echo "|:---|:---|"
  echo "| CPU | $(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') |"
  echo "| memory | $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) |"
  echo "| load average at start | $(cut -d' ' -f1-3 /proc/loadavg) |"
  echo "| kernel | $(uname -r) |"
  echo "| .NET | $(dotnet --version) |"
  echo "| PostgreSQL | $(pg_intake -d "$DB" -Atc "SELECT split_part(version(), ' ', 2) || ', shared_buffers ' || current_setting('shared_buffers') || ', synchronous_commit ' || current_setting('synchronous_commit') || ', fsync ' || current_setting('fsync') || ', max_connections ' || current_setting('max_connections')") |"
  echo "| RabbitMQ | $(rmqctl version 2>/dev/null || echo '?') (vhost $VHOST, default queue type ${INTAKE_BENCH_QUEUE_TYPE:-quorum}) |"
  echo "| git | $(git rev-parse --short HEAD 2>/dev/null || echo '?')$( [[ -n "$(git status --porcelain -- src 2>/dev/null)" ]] && echo ' + uncommitted changes in src/') |"
  echo "| API runtime settings | ${API_RUNTIME_ENV[*]} (src/Intake.Api/runtime.env) |"
  echo "| experiment settings | phases: ${INTAKE_BENCH_PHASES:-all}; concurrency: ${INTAKE_BENCH_CONCURRENCY:-default}; API env: ${INTAKE_BENCH_API_ENV:-none}; worker env: ${INTAKE_BENCH_WORKER_ENV:-none}; e2e warm-up jobs per worker: $E2E_WARMUP; connection string extra: ${INTAKE_BENCH_PG_EXTRA:-none} |"
} >"$RESULTS/environment.md"

log "results: $RESULTS"
log "starting the API on $API_URL"
start_api api
wants http && phase http http

# (Commands the HTTP phase queued stay in the queue: nobody consumes them until the workers
# start, and the queue is purged before that.)
wants relay && phase relay relay

if wants e2e; then
  for workers in $WORKER_COUNTS; do
    purge  # no command of an earlier phase may reach these workers
    for i in $(seq 1 "$workers"); do
      start_process "worker-$i" $((HTTP_PORT + i)) Workers__Consumers=documents "${WORKER_ENV[@]}" -- dotnet "$WORKERS_DLL"
    done
    for i in $(seq 1 "$workers"); do wait_ready "worker-$i" $((HTTP_PORT + i)); done
    log "$workers worker process(es) ready"
    phase "e2e-w$workers" e2e --workers "$workers" --jobs "$E2E_JOBS" --warm-up-jobs "$E2E_WARMUP"
    for i in $(seq 1 "$workers"); do stop_process "worker-$i"; done
  done
fi

# Profile: a fresh API, so that all of its connections log their statements.
stop_process api
if wants profile; then
  log "restarting the API for the profile"
  # Unprepared: the profile finds the relay's round trips by the claim's SQL text on the wire, and
  # a prepared statement is executed by name, without it (counts are what this phase is for).
  profile_db="ConnectionStrings__Intake=$ConnectionStrings__Intake;Max Auto Prepare=0"
  if statement_log on; then
    start_api api "$profile_db"
    phase profile profile --pg-log "$PG_LOG" --api-pid "${RUNNING[api]}"
    stop_process api
    statement_log off
  else
    log "could not enable statement logging on $DB (superuser socket $PG_SOCK); profiling without it"
    start_api api "$profile_db"
    phase profile profile --api-pid "${RUNNING[api]}"
    stop_process api
  fi
fi

phase report report

if (( ! SMOKE )) && [[ -f "$RESULTS/report.md" && -z "${INTAKE_BENCH_PHASES:-}${INTAKE_BENCH_CONCURRENCY:-}${INTAKE_BENCH_API_ENV:-}${INTAKE_BENCH_WORKER_ENV:-}${INTAKE_BENCH_PG_EXTRA:-}${INTAKE_BENCH_QUEUE_TYPE:-}${INTAKE_BENCH_WORKERS:-}${INTAKE_BENCH_E2E_JOBS:-}${INTAKE_BENCH_E2E_WARMUP:-}" ]]; then
  # The committed copy: plots stay in the (git-ignored) run folder.
  sed -E "s#\]\(([a-z0-9-]+\.png)\)#](${STAMP}/\1)#" "$RESULTS/report.md" >"$ROOT/bench/results/latest.md"
fi

rm -rf "$RESULTS/work"
if (( ${#FAILED[@]} > 0 )); then
  log "FAILED phases: ${FAILED[*]} (logs: $LOGS)"
  log "report: $RESULTS/report.md"
  exit 1
fi
log "report: $RESULTS/report.md"
