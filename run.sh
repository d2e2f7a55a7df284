#!/usr/bin/env bash
# shellcheck disable=SC2317  # (trap handlers are called indirectly)
# Runs the whole Intake stack locally (Development):
#   PostgreSQL + RabbitMQ (scripts/services.sh), migrations, the API and three workers.
#
#   ./run.sh            Ctrl-C / SIGTERM stops the API and workers; PostgreSQL and
#                       RabbitMQ keep running (stop them with: scripts/services.sh stop).
#
# Ports: API ${INTAKE_HTTP_PORT:-8080}; workers documents/datasets/training on API port +1/+2/+3;
# PostgreSQL ${INTAKE_PG_PORT:-55432}; RabbitMQ ${INTAKE_RABBIT_PORT:-5673}.
# Logs: .local/logs/<name>.log. Works without a terminal (e.g. `./run.sh &`); note that a
# shell ignores SIGINT in background jobs, so stop a backgrounded run.sh with `kill <pid>` (SIGTERM).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

HTTP_PORT="${INTAKE_HTTP_PORT:-8080}"
PG_PORT="${INTAKE_PG_PORT:-55432}"
RABBIT_PORT="${INTAKE_RABBIT_PORT:-5673}"
READY_TIMEOUT="${INTAKE_READY_TIMEOUT:-120}"
LOGS="$ROOT/.local/logs"
CONFIG=Release
TFM=net10.0

log() { printf '[run] %s\n' "$*"; }
die() { printf '[run] ERROR: %s\n' "$*" >&2; exit 1; }

command -v dotnet >/dev/null || die "dotnet SDK not found on PATH (see global.json for the required version)"
command -v curl >/dev/null || die "curl is required"

SOLUTION=""
for candidate in Intake.sln Intake.slnx; do
  if [[ -f "$candidate" ]]; then SOLUTION="$candidate"; break; fi
done
[[ -n "$SOLUTION" ]] || die "Intake.sln not found in $ROOT"

for port in "$HTTP_PORT" $((HTTP_PORT + 1)) $((HTTP_PORT + 2)) $((HTTP_PORT + 3)); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port 127.0.0.1:$port is already in use (another ./run.sh?); set INTAKE_HTTP_PORT to use other ports"
  fi
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# ---------------------------------------------------------------------------
# Process bookkeeping: everything started here is stopped on exit.
# ---------------------------------------------------------------------------
declare -a PIDS=() NAMES=()
STOPPING=0

stop_children() {
  local i pid
  for i in "${!PIDS[@]}"; do
    pid="${PIDS[$i]}"
    if kill -0 "$pid" 2>/dev/null; then
      log "stopping ${NAMES[$i]} (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  # Give them time for a graceful shutdown, then kill what is left.
  local deadline=$((SECONDS + 20))
  for i in "${!PIDS[@]}"; do
    pid="${PIDS[$i]}"
    while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      log "killing ${NAMES[$i]} (pid $pid)"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
}

on_exit() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if (( STOPPING == 0 )); then
    STOPPING=1
    if (( ${#PIDS[@]} > 0 )); then stop_children; fi
    log "PostgreSQL and RabbitMQ are still running; stop them with: scripts/services.sh stop"
  fi
  exit "$rc"
}
on_signal() {
  log "received $1, shutting down"
  # 128 + signal number, like an ordinary signal death.
  case "$1" in INT) exit 130 ;; TERM) exit 143 ;; HUP) exit 129 ;; *) exit 1 ;; esac
}
trap on_exit EXIT
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM
trap 'on_signal HUP' HUP

# ---------------------------------------------------------------------------
# Services, build, migrations
# ---------------------------------------------------------------------------
scripts/services.sh start

log "building $SOLUTION ($CONFIG)"
dotnet build "$SOLUTION" -c "$CONFIG" -nologo -v:minimal

mkdir -p "$LOGS"

# Shared environment of the migrator, the API and the workers.
export ASPNETCORE_ENVIRONMENT=Development
export DOTNET_ENVIRONMENT=Development
# The migrator connects as the owner of the tables; the API and workers as intake_app, which
# row-level security binds (both roles are created by scripts/services.sh).
export ConnectionStrings__IntakeMigrations="Host=127.0.0.1;Port=$PG_PORT;Database=intake;Username=intake;Password=intake"
export ConnectionStrings__Intake="Host=127.0.0.1;Port=$PG_PORT;Database=intake;Username=intake_app;Password=intake_app"
export RabbitMq__Host=127.0.0.1
export RabbitMq__Port="$RABBIT_PORT"
export RabbitMq__Username=guest
export RabbitMq__Password=guest
export RabbitMq__VirtualHost=/
# Same default as scripts/dev-token.sh, so tokens printed below are accepted.
export Auth__SigningKey="${Auth__SigningKey:-intake-development-signing-key-0123456789abcdef}"

API_DLL="src/Intake.Api/bin/$CONFIG/$TFM/Intake.Api.dll"
WORKERS_DLL="src/Workers/bin/$CONFIG/$TFM/Intake.Workers.dll"
MIGRATOR_DLL="src/Intake.Migrator/bin/$CONFIG/$TFM/Intake.Migrator.dll"
for dll in "$API_DLL" "$WORKERS_DLL" "$MIGRATOR_DLL"; do
  [[ -f "$dll" ]] || die "$dll not found after the build"
done

log "applying database migrations (log: $LOGS/migrator.log)"
if ! dotnet "$MIGRATOR_DLL" </dev/null >"$LOGS/migrator.log" 2>&1; then
  tail -n 40 "$LOGS/migrator.log" >&2 || true
  die "migrations failed (log: $LOGS/migrator.log)"
fi

# ---------------------------------------------------------------------------
# API and workers
# ---------------------------------------------------------------------------
# start_process <name> <port> [VAR=value...] -- <command...> (the last argument is the app's dll)
start_process() {
  local name="$1" port="$2"; shift 2
  local -a vars=()
  while [[ $# -gt 0 && "$1" != "--" ]]; do vars+=("$1"); shift; done
  shift
  local logfile="$LOGS/$name.log"
  # The app's own folder is its content root (as in the container image): its appsettings.json
  # is read, and the configuration watcher watches that folder, not this repository (where
  # PostgreSQL and RabbitMQ write their data; every write would wake the watcher).
  local content_root
  content_root="$(cd "$(dirname "${*: -1}")" && pwd)"
  env "${vars[@]}" DOTNET_CONTENTROOT="$content_root" ASPNETCORE_URLS="http://127.0.0.1:$port" "$@" </dev/null >"$logfile" 2>&1 &
  PIDS+=("$!")
  NAMES+=("$name")
  log "started $name (pid $!) on http://127.0.0.1:$port, log: $logfile"
}

# The API's runtime settings that only the environment can carry (src/Intake.Api/runtime.env).
mapfile -t API_RUNTIME_ENV < <(grep -Ev '^[[:space:]]*(#|$)' src/Intake.Api/runtime.env)
start_process api "$HTTP_PORT" "${API_RUNTIME_ENV[@]}" -- dotnet "$API_DLL"
start_process worker-documents $((HTTP_PORT + 1)) Workers__Consumers=documents -- dotnet "$WORKERS_DLL"
start_process worker-datasets $((HTTP_PORT + 2)) Workers__Consumers=datasets -- dotnet "$WORKERS_DLL"
start_process worker-training $((HTTP_PORT + 3)) Workers__Consumers=training -- dotnet "$WORKERS_DLL"

# Exits (through the EXIT trap) when one of the children is gone.
check_children() {
  local i
  for i in "${!PIDS[@]}"; do
    if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      local rc=0
      wait "${PIDS[$i]}" || rc=$?
      tail -n 30 "$LOGS/${NAMES[$i]}.log" >&2 || true
      die "${NAMES[$i]} exited (status $rc) — see $LOGS/${NAMES[$i]}.log"
    fi
  done
}

API_URL="http://127.0.0.1:$HTTP_PORT"
log "waiting for $API_URL/health/ready (timeout ${READY_TIMEOUT}s)"
deadline=$((SECONDS + READY_TIMEOUT))
until curl -fsS -o /dev/null --max-time 3 "$API_URL/health/ready" 2>/dev/null; do
  check_children
  (( SECONDS < deadline )) || die "the API did not become ready within ${READY_TIMEOUT}s (log: $LOGS/api.log)"
  sleep 1
done
for i in 1 2 3; do
  wport=$((HTTP_PORT + i))
  until curl -fsS -o /dev/null --max-time 3 "http://127.0.0.1:$wport/health/ready" 2>/dev/null; do
    check_children
    (( SECONDS < deadline )) || die "${NAMES[$i]} did not become ready within ${READY_TIMEOUT}s (log: $LOGS/${NAMES[$i]}.log)"
    sleep 1
  done
done

TOKEN="$(scripts/dev-token.sh)"

cat <<EOF

================================================================================
 Intake is running (Development)

   API               $API_URL
   workers           documents :$((HTTP_PORT + 1))  datasets :$((HTTP_PORT + 2))  training :$((HTTP_PORT + 3))  (/health/live, /health/ready)
   PostgreSQL        Host=127.0.0.1;Port=$PG_PORT;Database=intake;Username=intake;Password=intake (owner)
                     Username=intake_app;Password=intake_app (API and workers, row-level security)
   RabbitMQ          amqp://guest:guest@127.0.0.1:$RABBIT_PORT/
   logs              $LOGS/{api,worker-documents,worker-datasets,worker-training,migrator}.log

 Development bearer token (30 days; new one: scripts/dev-token.sh [sub] [--admin]):

   export TOKEN=$TOKEN

 Try it:

   # 1. create a document (prints the JSON response; DOC_ID = its "documentId")
   DOC=\$(curl -sS -X POST $API_URL/v1/documents \\
     -H "Authorization: Bearer \$TOKEN" \\
     -H "Idempotency-Key: doc-\$(date +%s)" \\
     -H "Content-Type: application/json" \\
     -d '{"name":"a.txt","contentType":"text/plain","content":"Hello from Intake. This is a tiny document."}')
   echo "\$DOC"; DOC_ID=\$(printf '%s' "\$DOC" | grep -o '"documentId" *: *"[^"]*"' | head -n 1 | cut -d '"' -f 4)

   # 2. submit a processing job for it
   KEY=job-\$(date +%s)
   curl -sS -X POST $API_URL/v1/jobs/process-document \\
     -H "Authorization: Bearer \$TOKEN" \\
     -H "Idempotency-Key: \$KEY" \\
     -H "Content-Type: application/json" \\
     -d "{\\"documentId\\":\\"\$DOC_ID\\"}"

   # 3. poll the job
   curl -sS $API_URL/v1/jobs/by-key/\$KEY -H "Authorization: Bearer \$TOKEN"

 Ctrl-C (or kill $$) stops the API and workers.
 PostgreSQL and RabbitMQ stay up; stop them with: scripts/services.sh stop
================================================================================

EOF

# Wait for the children; the first one to exit brings everything down.
# (A trapped signal also interrupts `wait`; its trap exits the script.)
dead=""
rc=0
wait -n -p dead "${PIDS[@]}" || rc=$?
for i in "${!PIDS[@]}"; do
  if [[ "${PIDS[$i]}" == "$dead" ]]; then
    tail -n 30 "$LOGS/${NAMES[$i]}.log" >&2 || true
    die "${NAMES[$i]} (pid $dead) exited with status $rc; stopping the rest (log: $LOGS/${NAMES[$i]}.log)"
  fi
done
die "a child process exited (status $rc); stopping the rest"
