#!/usr/bin/env bash
# Load benchmark: PostgreSQL database samverkan_bench, bench data, gunicorn on 127.0.0.1:8001,
# 20 concurrent users over the floor page, the dashboard and the 30-member overview.
# Usage: bash bench/run.sh [--head]
#   --head  measure the last commit, exported to a temporary folder, not the working tree
#           (others' unfinished changes in a shared tree must not break or colour the run)
# Env: BENCH_SCALE (1), BENCH_WORKERS (4), BENCH_REQUESTS per page (500), BENCH_CONN_MAX_AGE (production's, 60)
set -euo pipefail
cd "$(dirname "$0")/.."
# The command as typed, with the settings that change it, for the results file.
export BENCH_INVOKED=${BENCH_INVOKED:-$(env | grep -E '^BENCH_(SCALE|WORKERS|REQUESTS|CONN_MAX_AGE)=' | sort | tr '\n' ' ')bash bench/run.sh $*}

if [ "${1:-}" = "--head" ]; then
  SHA=$(git rev-parse --short HEAD)
  SRC=$(mktemp -d "${TMPDIR:-/tmp}/samverkan-bench-$SHA.XXXXXX")
  trap 'rm -rf "$SRC"' EXIT
  git archive HEAD | tar -x -C "$SRC"
  ln -s "$PWD/.venv" "$SRC/.venv"
  BENCH_REVISION=$SHA BENCH_RESULTS=$PWD/bench/results BENCH_LOGS=$PWD/var/bench \
    bash "$SRC/bench/run.sh"
  exit
fi

PY=.venv/bin/python
PORT=8001
DB=samverkan_bench
WORKERS=${BENCH_WORKERS:-4}
REQUESTS=${BENCH_REQUESTS:-500}
SCALE=${BENCH_SCALE:-1}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUNDIR=${BENCH_LOGS:-var/bench}/$STAMP  # gunicorn's logs and the query profile
export DJANGO_SETTINGS_MODULE=bench.settings_bench
export DATABASE_URL=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/$DB}
export PYTHONPATH=$PWD${PYTHONPATH:+:$PYTHONPATH}
RESULTS=${BENCH_RESULTS:-bench/results}
mkdir -p "$RUNDIR" "$RESULTS"

if "$PY" -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 1)" 2>/dev/null; then
  echo "Port $PORT is in use; stop whatever listens there first." >&2
  exit 1
fi

# A fresh database every run: the schema is exactly this tree's migrations, the data bench_data's.
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py bench_data --scale "$SCALE"
PASSWORD=$("$PY" manage.py shell -v 0 -c "from django.conf import settings; print(settings.DEMO_PASSWORD)")

echo "== Queries per page (in-process, bench data) =="
"$PY" bench/query_profile.py --out "$RUNDIR/queries.json"

# What was measured: the commit, and whether the working tree had uncommitted changes.
if [ -n "${BENCH_REVISION:-}" ]; then
  REVISION=$BENCH_REVISION
else
  REVISION=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  [ -z "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] || REVISION="$REVISION+uncommitted"
fi
SERVER="commit $REVISION; gunicorn config.wsgi:application, $WORKERS sync workers, 127.0.0.1:$PORT, PostgreSQL, CONN_MAX_AGE=${BENCH_CONN_MAX_AGE:-60}, scale $SCALE"
.venv/bin/gunicorn config.wsgi:application \
  --bind 127.0.0.1:$PORT --workers "$WORKERS" --worker-class sync --timeout 60 \
  --access-logfile "$RUNDIR/access.log" \
  --access-logformat '%(U)s %(s)s %(D)s %({x-bench}i)s %({x-bench-cpu-us}o)s' \
  --error-logfile "$RUNDIR/gunicorn.log" --pid "$RUNDIR/gunicorn.pid" &
GUNICORN=$!
trap 'kill "$GUNICORN" 2>/dev/null; wait "$GUNICORN" 2>/dev/null || true' EXIT

for _ in $(seq 60); do
  "$PY" -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 1)" 2>/dev/null && break
  sleep 0.5
done

echo "== Load: 20 concurrent users =="
DEMO_PASSWORD=$PASSWORD "$PY" bench/run_load.py --port $PORT --users 20 \
  --requests-per-page "$REQUESTS" --access-log "$RUNDIR/access.log" \
  --queries "$RUNDIR/queries.json" --server "$SERVER" \
  --out "$RESULTS/load-$STAMP.json"
