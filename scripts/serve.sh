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

log "Loading demo data"
manage seed_demo

addr="${HOST:-127.0.0.1}:${PORT:-8000}"
log "Starting the development server on http://$addr/ (Ctrl+C to stop)"
exec "$VENV/bin/python" "$ROOT/manage.py" runserver "$addr"
