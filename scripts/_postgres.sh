# shellcheck shell=bash
# A throwaway PostgreSQL cluster for the tests and benchmarks (the server refuses to run as
# root: as root it runs as the `postgres` system user). Source after _common.sh, then call
# `start_throwaway_postgres [name]`: it exports PGHOST, PGPORT and DATABASE_URL and stops the
# server when the script exits.

# --- Throwaway PostgreSQL cluster --------------------------------------------------------
PGBIN="$(compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' | sort -V | tail -n 1 || true)"
[[ -n "$PGBIN" ]] || die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin"
PGBIN="$(dirname "$PGBIN")"

# The server refuses to run as root: as root, run it as the `postgres` system user.
as_pg() {
    if [[ "$(id -u)" -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

port_free() {
    "$VENV/bin/python" - "$1" <<'EOF'
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the postmaster does
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
EOF
}

make_pg_dir() {
    if [[ "$(id -u)" -eq 0 ]]; then
        install -d -o postgres -g postgres -m 700 "$@"
    else
        install -d -m 700 "$@"
    fi
}

stop_pg() {
    [[ -n "${PGDATA_DIR:-}" && -f "$PGDATA_DIR/postmaster.pid" ]] || return 0
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w -t 30 stop >/dev/null 2>&1 ||
        as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m immediate -w -t 10 stop >/dev/null 2>&1 ||
        warn "could not stop PostgreSQL (data dir $PGDATA_DIR)"
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n "${PG_STARTED:-}" ]]; then
        log "Stopping PostgreSQL"
        stop_pg
    fi
    [[ -z "${PG_TMPROOT:-}" ]] || rm -rf "$PG_TMPROOT"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_throwaway_postgres() {
    local name="${1:-pg}"
    PGROOT="$ROOT/.$name"
    # A cluster left behind by an earlier (killed) run: stop it if needed, then wipe it.
    if [[ -e "$PGROOT" ]]; then
        PGDATA_DIR="$PGROOT/data" stop_pg
        rm -rf "$PGROOT"
    fi
    make_pg_dir "$PGROOT"
    # The postgres user must be able to reach the checkout (not the case under a 0700 /root).
    if ! as_pg test -w "$PGROOT"; then
        rm -rf "$PGROOT"
        PGROOT="$(mktemp -d "${TMPDIR:-/tmp}/pg-test.XXXXXX")"
        PG_TMPROOT="$PGROOT"
        [[ "$(id -u)" -ne 0 ]] || chown postgres:postgres "$PGROOT"
        warn "postgres cannot write under $ROOT: using $PGROOT for the throwaway cluster"
    fi
    PGDATA_DIR="$PGROOT/data"
    PGSOCK="$PGROOT/sock"
    make_pg_dir "$PGDATA_DIR" "$PGSOCK"

    PGPORT="${PGPORT:-5433}"
    for ((tries = 0; tries < 100; tries++)); do
        port_free "$PGPORT" && break
        PGPORT=$((PGPORT + 1))
    done
    ((tries < 100)) || die "no free TCP port found for PostgreSQL"
    export PGHOST=127.0.0.1 PGPORT

    log "Starting PostgreSQL ($("$PGBIN/postgres" --version | awk '{print $3}')) on 127.0.0.1:$PGPORT"
    pg_t0=$(date +%s.%N)
    if ! as_pg "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$PGROOT/initdb.log" 2>&1; then
        cat "$PGROOT/initdb.log" >&2
        die "initdb failed"
    fi
    PG_STARTED=1
    if ! as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGROOT/server.log" -w -t 30 \
        -o "-p $PGPORT -k $PGSOCK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null; then
        tail -n 30 "$PGROOT/server.log" >&2 || true
        die "PostgreSQL did not start"
    fi
    "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres \
        -c "CREATE ROLE app LOGIN PASSWORD 'app' CREATEDB"
    "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres -O app app
    log "PostgreSQL ready in $(awk -v a="$pg_t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s"

    export DATABASE_URL="postgres://app:app@127.0.0.1:$PGPORT/app"
}
