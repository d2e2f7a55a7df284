#!/usr/bin/env bash
# shellcheck disable=SC2317  # (trap handlers are called indirectly)
# The chaos suite (issue 3): the real stack as separate processes under load while workers are
# SIGKILLed mid-job, RabbitMQ goes down, PostgreSQL restarts and the API dies between commit and
# publish; then every exactly-once invariant is checked from the database and the API.
#
#   scripts/chaos.sh --short                      CI-sized: 300 submissions, each fault at least once,
#                                                 under 3 minutes including startup (test.sh runs it)
#   scripts/chaos.sh --long [--jobs N] [--rate R] thousands of jobs, faults repeated all along
#                                                 (default 3000 submissions at 8/s)
#   options: --seed S, --no-build (use the existing Release build; test.sh builds first)
#
# Details, the invariants and the last long result: docs/chaos.md.
#
# Isolation: everything runs on a PostgreSQL and a RabbitMQ of its own (scripts/services.sh with
# INTAKE_LOCAL_DIR=<repo>/.local/chaos, PostgreSQL 127.0.0.1:55440, RabbitMQ 127.0.0.1:5680, Erlang
# distribution port 25680, node intakechaos@localhost), never the shared ones under .local/; the API
# listens on 127.0.0.1:18280 and the workers on the ports after it. The processes run from a copy of
# the build (.local/chaos/bin), so a rebuild of the work tree during the run changes nothing. On exit,
# whatever happened, the processes it started are stopped and the chaos PostgreSQL and RabbitMQ too.
# Output: .local/chaos/runs/<UTC time>-<profile>/ (chaos.log, summary.txt, logs/ of every process).
#
# Exit status: 0 when every invariant held, 1 when one did not, 2 when the suite could not run.
# One chaos run at a time per machine (lock file INTAKE_CHAOS_LOCK, /tmp/intake-chaos.lock): a second
# one, from any work tree, waits up to INTAKE_CHAOS_LOCK_WAIT seconds (900) for its turn.
# Env: INTAKE_CHAOS_PG_PORT (55440), INTAKE_CHAOS_RABBIT_PORT (5680), INTAKE_CHAOS_RABBIT_DIST_PORT
#      (25680), INTAKE_CHAOS_RABBIT_NODE (intakechaos@localhost), INTAKE_CHAOS_HTTP_PORT (18280).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf '[chaos.sh] %4ss %s\n' "$SECONDS" "$*"; }
die() { printf '[chaos.sh] ERROR: %s\n' "$*" >&2; exit 2; }

PROFILE=short
BUILD=1
CHAOS_ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --short) PROFILE=short ;;
    --long) PROFILE=long ;;
    --no-build) BUILD=0 ;;
    --jobs|--rate|--seed)
      [[ $# -ge 2 && "$2" =~ ^[0-9]+([.][0-9]+)?$ ]] || die "$1 needs a number"
      CHAOS_ARGS+=("$1" "$2"); shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (usage: scripts/chaos.sh --short | --long [--jobs N] [--rate R] [--seed S] [--no-build])" ;;
  esac
  shift
done

command -v dotnet >/dev/null || die "dotnet SDK not found on PATH"

# The chaos instance of scripts/services.sh (exported: the suite's fault injection uses it too).
CHAOS_DIR="$ROOT/.local/chaos"
export INTAKE_LOCAL_DIR="$CHAOS_DIR"
export INTAKE_PG_PORT="${INTAKE_CHAOS_PG_PORT:-55440}"
export INTAKE_RABBIT_PORT="${INTAKE_CHAOS_RABBIT_PORT:-5680}"
export INTAKE_RABBIT_DIST_PORT="${INTAKE_CHAOS_RABBIT_DIST_PORT:-25680}"
export INTAKE_RABBIT_NODE="${INTAKE_CHAOS_RABBIT_NODE:-intakechaos@localhost}"
HTTP_PORT="${INTAKE_CHAOS_HTTP_PORT:-18280}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export Auth__SigningKey="${Auth__SigningKey:-intake-development-signing-key-0123456789abcdef}"
# The owner (migrator, the checker's cross-user reads) and the application role of the API and
# workers, bound by row-level security (both created by scripts/services.sh).
CONNECTION="Host=127.0.0.1;Port=$INTAKE_PG_PORT;Database=intake;Username=intake;Password=intake"
APP_CONNECTION="Host=127.0.0.1;Port=$INTAKE_PG_PORT;Database=intake;Username=intake_app;Password=intake_app"

mkdir -p "$CHAOS_DIR"
# One chaos run at a time on this machine, whatever the work tree: two would fight over the fixed
# ports and node name, and even on other ports over the two cores. A second run waits its turn.
LOCK_FILE="${INTAKE_CHAOS_LOCK:-/tmp/intake-chaos.lock}"
LOCK_WAIT="${INTAKE_CHAOS_LOCK_WAIT:-900}"
# (fd 9 holds the lock; every command below that may leave processes behind — MSBuild nodes, the
# database and broker daemons, the suite and the processes it starts — gets it closed: 9>&-.)
exec 9>>"$LOCK_FILE"
if ! flock -n 9; then
  log "another chaos run holds $LOCK_FILE; waiting up to ${LOCK_WAIT}s for it"
  flock -w "$LOCK_WAIT" 9 || die "another chaos run still holds $LOCK_FILE after ${LOCK_WAIT}s"
fi

RUN_DIR="$CHAOS_DIR/runs/$(date -u +%Y%m%dT%H%M%SZ)-$PROFILE"
LOGS="$RUN_DIR/logs"
PIDS="$CHAOS_DIR/pids"
BIN="$CHAOS_DIR/bin"
mkdir -p "$LOGS" "$PIDS"
ln -sfn "$RUN_DIR" "$CHAOS_DIR/latest"
# Keep the ten most recent runs.
find "$CHAOS_DIR/runs" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort | head -n -10 \
  | while read -r old; do rm -rf "${CHAOS_DIR:?}/runs/$old"; done

# Leaves core dumps of the injected API crash (FailFast) out of the work tree.
ulimit -c 0

# ---------------------------------------------------------------------------
# Cleanup: the suite's processes (by the pids it recorded, checked against their command line),
# then the chaos PostgreSQL and RabbitMQ.
# ---------------------------------------------------------------------------
SUITE_PID=""
kill_recorded() {
  local file pid
  for file in "$PIDS"/*.pid; do
    [[ -f "$file" ]] || continue
    pid="$(tr -dc '0-9' <"$file")"
    if [[ -n "$pid" ]] && grep -qF -- "$BIN/" "/proc/$pid/cmdline" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
  done
}
on_exit() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [[ -n "$SUITE_PID" ]] && kill -0 "$SUITE_PID" 2>/dev/null; then
    kill -TERM "$SUITE_PID" 2>/dev/null || true
    local deadline=$((SECONDS + 25))
    while kill -0 "$SUITE_PID" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.5; done
    kill -KILL "$SUITE_PID" 2>/dev/null || true
  fi
  kill_recorded
  log "stopping the chaos PostgreSQL and RabbitMQ"
  scripts/services.sh stop 9>&- >>"$LOGS/services.log" 2>&1 || log "scripts/services.sh stop failed (log: $LOGS/services.log)"
  log "run directory: $RUN_DIR"
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

for port in $(seq "$HTTP_PORT" $((HTTP_PORT + 4))); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port 127.0.0.1:$port is in use; set INTAKE_CHAOS_HTTP_PORT"
  fi
done

# ---------------------------------------------------------------------------
# Build and a private copy of it
# ---------------------------------------------------------------------------
PROJECTS=(src/Intake.Api/Intake.Api.csproj src/Workers/Intake.Workers.csproj
          src/Intake.Migrator/Intake.Migrator.csproj tests/Intake.Chaos/Intake.Chaos.csproj)
if (( BUILD )); then
  log "building (Release): ${PROJECTS[*]}"
  for project in "${PROJECTS[@]}"; do
    dotnet build "$project" -c Release -nologo -v:quiet 9>&- >>"$LOGS/build.log" 2>&1 \
      || { tail -n 40 "$LOGS/build.log" >&2; die "build of $project failed (log: $LOGS/build.log)"; }
  done
fi

declare -A OUTPUTS=(
  [api]=src/Intake.Api/bin/Release/net10.0
  [workers]=src/Workers/bin/Release/net10.0
  [migrator]=src/Intake.Migrator/bin/Release/net10.0
  [chaos]=tests/Intake.Chaos/bin/Release/net10.0
)
case "$(uname -m)" in aarch64|arm64) NATIVE_RID=linux-arm64 ;; *) NATIVE_RID=linux-x64 ;; esac
rm -rf "$BIN"
for name in "${!OUTPUTS[@]}"; do
  from="${OUTPUTS[$name]}"
  [[ -d "$from" ]] || die "$from not found (build first, or drop --no-build)"
  mkdir -p "$BIN/$name"
  # Native libraries of other platforms are left out.
  tar -C "$from" --exclude=./runtimes -cf - . | tar -C "$BIN/$name" -xf -
  if [[ -d "$from/runtimes/$NATIVE_RID" ]]; then
    mkdir -p "$BIN/$name/runtimes"
    cp -a "$from/runtimes/$NATIVE_RID" "$BIN/$name/runtimes/"
  fi
done

# ---------------------------------------------------------------------------
# A fresh chaos instance: empty broker, empty database, migrated
# ---------------------------------------------------------------------------
log "starting the chaos PostgreSQL (:$INTAKE_PG_PORT) and RabbitMQ (:$INTAKE_RABBIT_PORT, $INTAKE_RABBIT_NODE) (log: $LOGS/services.log)"
scripts/services.sh stop 9>&- >>"$LOGS/services.log" 2>&1 || true
rm -rf "$CHAOS_DIR/rabbitmq/mnesia"
scripts/services.sh start 9>&- >>"$LOGS/services.log" 2>&1 \
  || { tail -n 30 "$LOGS/services.log" >&2; die "scripts/services.sh start failed for the chaos instance"; }

PSQL="$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/psql' 2>/dev/null | sort -V | tail -n 1 || true)"
[[ -x "${PSQL:-}" ]] || PSQL="$(command -v psql || true)"
[[ -x "$PSQL" ]] || die "psql not found"
log "recreating the database intake and migrating it"
PGPASSWORD=intake "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$INTAKE_PG_PORT" -U intake -d postgres \
  -c "DROP DATABASE IF EXISTS intake WITH (FORCE)" -c "CREATE DATABASE intake OWNER intake" >>"$LOGS/services.log" 2>&1 \
  || die "could not recreate the chaos database (log: $LOGS/services.log)"
ConnectionStrings__IntakeMigrations="$CONNECTION" dotnet "$BIN/migrator/Intake.Migrator.dll" </dev/null 9>&- >"$LOGS/migrator.log" 2>&1 \
  || { tail -n 30 "$LOGS/migrator.log" >&2; die "migrations failed (log: $LOGS/migrator.log)"; }

# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------
log "running the $PROFILE chaos scenario (output: $RUN_DIR/chaos.log)"
dotnet "$BIN/chaos/Intake.Chaos.dll" --profile "$PROFILE" "${CHAOS_ARGS[@]}" \
  --api-dll "$BIN/api/Intake.Api.dll" --workers-dll "$BIN/workers/Intake.Workers.dll" \
  --pg "$CONNECTION" --app-pg "$APP_CONNECTION" --rabbit-port "$INTAKE_RABBIT_PORT" --http-port "$HTTP_PORT" \
  --logs "$LOGS" --pids "$PIDS" --services "$ROOT/scripts/services.sh" \
  --summary-file "$RUN_DIR/summary.txt" \
  </dev/null 9>&- > >(tee -a "$RUN_DIR/chaos.log") 2>&1 &
SUITE_PID=$!
rc=0
wait "$SUITE_PID" || rc=$?
SUITE_PID=""

case "$rc" in
  0) log "PASS: every invariant held ($SECONDS s in all)" ;;
  1) log "FAIL: an invariant was violated (summary: $RUN_DIR/summary.txt)" ;;
  *) log "ERROR: the suite could not complete (exit $rc; logs: $LOGS)" ;;
esac
exit "$rc"
