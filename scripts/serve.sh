#!/usr/bin/env bash
# Sets everything up and runs the site with demo data on http://127.0.0.1:8000/
#
#   scripts/serve.sh
#   PORT=8080 HOST=0.0.0.0 scripts/serve.sh
#
# Uses SQLite (db.sqlite3) unless DATABASE_URL is set.
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

setup_environment

log "Applying migrations"
manage migrate --noinput
compile_messages

log "Loading demo data (the first time, the 2024 final report is rendered: about 30 s)"
manage seed_demo --with-report

# Every page then shows the "Site de démonstration — données fictives" banner.
export DEMO_SITE="${DEMO_SITE:-true}"

# The background worker of Django's tasks framework (final report generation).
log "Starting the task worker (report generation)"
"$VENV/bin/python" "$ROOT/manage.py" db_worker --no-reload --interval 1 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM

addr="${HOST:-127.0.0.1}:${PORT:-8000}"
log "Starting the development server on http://$addr/ (Ctrl+C to stop)"
"$VENV/bin/python" "$ROOT/manage.py" runserver "$addr"
