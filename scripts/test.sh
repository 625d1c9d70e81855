#!/usr/bin/env bash
# Runs the whole check suite: ruff, migrations check, pytest (unit, PostgreSQL and browser
# tests) against a throwaway PostgreSQL cluster started here and stopped on exit.
#
#   scripts/test.sh                 # everything
#   scripts/test.sh -m "not e2e"    # arguments go to pytest
#
# Tests run on every core (pytest-xdist, `-n auto`): PYTEST_WORKERS sets the number of workers,
# 0 runs them in a single process.
# Environment: PGPORT (default 5433; another free port is picked if it is taken),
# SKIP_FORMAT_CHECK=1 to skip `ruff format --check`, COVERAGE=1 (always when CI=true) to run
# pytest under coverage and then the gate of scripts/coverage_gate.py.
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

extra_apt=("${TEST_APT_PACKAGES[@]}")
command -v npm >/dev/null 2>&1 || extra_apt+=(npm)
setup_environment "${extra_apt[@]}"

# --- Throwaway PostgreSQL cluster --------------------------------------------------------
source "$ROOT/scripts/_postgres.sh"
start_throwaway_postgres pg

# One database migrated once, in the background while npm, compilemessages and the static
# checks run: each pytest worker's test database is a copy of it (CREATE DATABASE ... TEMPLATE,
# tests/conftest.py) instead of running every migration itself (~19 s of CPU per worker).
template_db=app_template
"$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres -O app "$template_db"
log "Migrating the template test database ($template_db) in the background"
DATABASE_URL="postgres://app:app@127.0.0.1:$PGPORT/$template_db" \
    "$VENV/bin/python" "$ROOT/manage.py" migrate --verbosity 0 >"$PGROOT/migrate.log" 2>&1 &
migrate_pid=$!

# --- axe-core (and bootstrap) from npm ---------------------------------------------------
lockfile=package-lock.json
[[ -f "$lockfile" ]] || lockfile=package.json
want="$(sha256sum "$lockfile" | cut -d' ' -f1)"
have="$(cat node_modules/.deps-stamp 2>/dev/null || true)"
if [[ "$want" != "$have" || ! -f node_modules/axe-core/axe.min.js ]]; then
    log "Installing npm packages"
    if [[ -f package-lock.json ]]; then
        npm ci --no-audit --no-fund --loglevel=error
    else
        npm install --no-audit --no-fund --loglevel=error
    fi
    printf '%s\n' "$want" >node_modules/.deps-stamp
fi

compile_messages

# --- Static checks (no database needed) --------------------------------------------------
log "ruff check"
ruff check .
if [[ -z "${SKIP_FORMAT_CHECK:-}" ]]; then
    log "ruff format --check"
    ruff format --check .
fi

export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
export AXE_PATH="$ROOT/node_modules/axe-core/axe.min.js"

# --- Django checks and the test suite ----------------------------------------------------
log "makemigrations --check"
manage makemigrations --check --dry-run

if ! wait "$migrate_pid"; then
    cat "$PGROOT/migrate.log" >&2
    die "migrating the template test database failed"
fi
export TEST_DATABASE_TEMPLATE="$template_db"

measure=""
if [[ -n "${COVERAGE:-}" && "${COVERAGE}" != 0 || "${CI:-}" == true ]]; then
    measure=1
fi

# Both cores: pytest-xdist workers, each with its own test database, live server and browser.
# PYTEST_WORKERS=0 runs in one process (a `-n` given in the arguments wins as well).
# Work stealing: a worker that runs out of tests takes some from the other's queue, so the
# suite's long tests (permission matrix, crawls, demo seeds) do not leave one core idle at the end.
workers=(-n "${PYTEST_WORKERS:-auto}" --dist worksteal)
[[ "${PYTEST_WORKERS:-}" != 0 ]] || workers=()

log "pytest ${workers[*]} $*${measure:+ (under coverage)}"
set +e
if [[ -n "$measure" ]]; then
    rm -f "$ROOT/.coverage"
    # pytest-cov gathers the workers' measurements into $ROOT/.coverage ([tool.coverage.run]).
    # The slowest tests are printed, to keep an eye on the suite's time.
    "$VENV/bin/python" -m pytest --cov --cov-report= --durations=25 "${workers[@]}" "$@"
else
    "$VENV/bin/python" -m pytest "${workers[@]}" "$@"
fi
rc=$?
set -e
if [[ $rc -eq 5 && $# -gt 0 ]]; then
    rc=0 # "no tests collected" is fine for a selection, not for the full run
fi
if [[ $rc -eq 0 && -n "$measure" ]]; then
    log "coverage gate"
    # A selection of tests cannot meet the thresholds: its table is printed, not enforced.
    gate_args=("$ROOT/.coverage")
    [[ $# -eq 0 ]] || gate_args+=(--report-only)
    "$VENV/bin/python" "$ROOT/scripts/coverage_gate.py" "${gate_args[@]}" || rc=$?
fi
exit "$rc"
