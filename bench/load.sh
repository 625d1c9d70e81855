#!/usr/bin/env bash
# Load benchmark: gunicorn on a throwaway PostgreSQL with a large seeded edition, concurrent
# clients on the main pages and the API, and a registration rush. Prints figures; asserts nothing
# beyond "the run completed". Not part of the test suite.
#
#   bash bench/load.sh                      # SCALE=14 (~2,000 organisations), 10 s per scenario
#   SCALE=3 DURATION=5 CLIENTS=8 bash bench/load.sh
#
# Environment: SCALE (seed_demo --scale), DURATION (seconds per scenario), CLIENTS (concurrent
# clients), WORKERS (gunicorn workers, default 2 x cores + 1), PORT (default 8765),
# RUSH_PLACES / RUSH_ATTEMPTS (the registration rush: 300 places, 500 simultaneous attempts),
# ONLY (comma-separated words: only the scenarios whose name holds one, e.g. ONLY=board,track).
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/_common.sh"
setup_environment postgresql
source "$ROOT/scripts/_postgres.sh"
start_throwaway_postgres pg-bench

log "Migrating and seeding (scale ${SCALE:=14})"
manage migrate --noinput -v0
t0=$(date +%s)
manage seed_demo --scale "$SCALE" --quiet-logins
log "Seeded in $(($(date +%s) - t0)) s"
# The steady state a running site is in (autovacuum would get there): the seed's dead rows
# cleared and the planner's statistics up to date, so the first scenarios are not measured
# against a database still settling.
manage shell -c "from django.db import connection; connection.cursor().execute('VACUUM (ANALYZE)')"

PORT="${PORT:-8765}"
WORKERS="${WORKERS:-$(($(nproc) * 2 + 1))}"
# The API's rate limits out of the way, with a one-second window: DRF keeps each client's
# request times over the window, and the clients all come from 127.0.0.1; over a minute that
# list (rewritten in the cache on each request) grew to thousands of entries, a cost no real
# client at the real limits (120 a minute) ever causes.
export DJANGO_ENV=production DEBUG=0 SECRET_KEY="bench-$(head -c 32 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')-0123456789012345678901234567890" \
    ALLOWED_HOSTS=127.0.0.1 EMAIL_HOST=127.0.0.1 SECURE_SSL_REDIRECT=0 CACHE_BACKEND=db \
    DEFAULT_FROM_EMAIL="Congrès (bench) <bench@example.org>" \
    API_THROTTLE_ANON=1000000/second API_THROTTLE_USER=1000000/second
manage createcachetable
manage collectstatic --noinput -v0
log "gunicorn: $WORKERS workers on 127.0.0.1:$PORT"
# Each order logs how long it held the edition's lock (congress/registrations/services.py).
echo '{"version": 1, "disable_existing_loggers": false, "loggers": {"congress.registrations.lock": {"level": "DEBUG"}}}' \
    >"$ROOT/.pg-bench/lock-log.json"
: >"$ROOT/.pg-bench/gunicorn.log"
"$VENV/bin/gunicorn" congress.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
    --access-logfile /dev/null --error-logfile "$ROOT/.pg-bench/gunicorn.log" --daemon \
    --log-config-json "$ROOT/.pg-bench/lock-log.json" --capture-output \
    --pid "$ROOT/.pg-bench/gunicorn.pid"
trap 'kill "$(cat "$ROOT/.pg-bench/gunicorn.pid" 2>/dev/null)" 2>/dev/null; cleanup' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz/" >/dev/null && break; sleep 0.2; done

"$VENV/bin/python" "$ROOT/bench/prepare_rush.py" --places "${RUSH_PLACES:-300}" \
    --attempts "${RUSH_ATTEMPTS:-500}" --output "$ROOT/.pg-bench/rush-tokens.txt"
"$VENV/bin/python" "$ROOT/bench/load_bench.py" --base "http://127.0.0.1:$PORT" \
    --duration "${DURATION:-10}" --clients "${CLIENTS:-16}" --only "${ONLY:-}" --rush-tokens "$ROOT/.pg-bench/rush-tokens.txt"
"$VENV/bin/python" "$ROOT/bench/count_rush.py" "$ROOT/.pg-bench/gunicorn.log"
