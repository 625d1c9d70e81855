# shellcheck shell=bash
# Shared helpers for scripts/serve.sh and scripts/test.sh. Source it, don't run it.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
#
# After sourcing, the working directory is the repository root ($ROOT).

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

VENV="$ROOT/.venv"
export PIP_DISABLE_PIP_VERSION_CHECK=1

# System packages: WeasyPrint (Pango, HarfBuzz subsetting, fonts), gettext (compilemessages),
# poppler-utils (pdftotext / pdftoppm for looking at generated PDFs).
BASE_APT_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu
    fonts-liberation gettext poppler-utils)
# Extra for the test suite: a throwaway PostgreSQL server and a headless browser.
TEST_APT_PACKAGES=(postgresql chromium)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# --- Python ------------------------------------------------------------------------------

# Succeeds when "$1" runs and is Python >= 3.12. (pyenv shims exist for versions that are not
# configured and fail when run, so "command -v" alone proves nothing.)
_python_ok() {
    "$1" --version >/dev/null 2>&1 &&
        "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

# Prints the path of a Python >= 3.12 interpreter, or fails with an explanation.
# $PYTHON, when set, is tried first.
find_python() {
    local candidate path
    for candidate in ${PYTHON:+"$PYTHON"} python3.13 python3.12 python3; do
        path="$(command -v "$candidate" 2>/dev/null)" || continue
        if _python_ok "$path"; then
            printf '%s\n' "$path"
            return 0
        fi
    done
    # pyenv-installed interpreters, newest first.
    while IFS= read -r path; do
        [[ -n "$path" ]] || continue
        if _python_ok "$path"; then
            printf '%s\n' "$path"
            return 0
        fi
    done < <(compgen -G "$HOME/.pyenv/versions/3.1[2-9]*/bin/python3" | sort -rV)
    cat >&2 <<'EOF'
error: no Python >= 3.12 interpreter found (Django 6 needs it).
Tried: $PYTHON, python3.13, python3.12, python3 on PATH, then ~/.pyenv/versions/3.1[2-9]*/bin/python3.
Install one (e.g. `pyenv install 3.12`, or your distribution's python3.12 package)
or point PYTHON at it:  PYTHON=/path/to/python3.12 scripts/serve.sh
EOF
    return 1
}

# Creates .venv if it is missing (or broken / too old), then puts it first on PATH.
ensure_venv() {
    if [[ -x "$VENV/bin/python" ]] && _python_ok "$VENV/bin/python"; then
        :
    else
        local python
        python="$(find_python)" || exit 1
        if [[ -e "$VENV" ]]; then
            warn "$VENV is unusable (missing or not Python >= 3.12); recreating it"
            rm -rf "$VENV"
        fi
        log "Creating virtualenv .venv with $python ($("$python" --version 2>&1))"
        "$python" -m venv "$VENV"
    fi
    export VIRTUAL_ENV="$VENV"
    export PATH="$VENV/bin:$PATH"
    hash -r
}

# (Re)installs the Python dependencies when pyproject.toml changed since the last install.
ensure_python_deps() {
    local stamp_file="$VENV/.deps-stamp" want have=""
    want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
    [[ -f "$stamp_file" ]] && have="$(cat "$stamp_file")"
    if [[ "$want" != "$have" ]]; then
        log "Installing Python dependencies (pip install \".[dev]\")"
        "$VENV/bin/python" -m pip install --quiet --upgrade pip
        "$VENV/bin/python" -m pip install --quiet ".[dev]"
        printf '%s\n' "$want" >"$stamp_file"
    fi
}

# --- System packages ---------------------------------------------------------------------

_apt_installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

# ensure_apt_packages PKG...: installs the missing ones (as root), or prints the command to run.
ensure_apt_packages() {
    local pkg missing=()
    if ! command -v dpkg-query >/dev/null 2>&1; then
        warn "not a Debian/Ubuntu system: make sure these are installed: $*"
        return 0
    fi
    for pkg in "$@"; do
        _apt_installed "$pkg" || missing+=("$pkg")
    done
    ((${#missing[@]})) || return 0
    if [[ "$(id -u)" -ne 0 ]]; then
        cat >&2 <<EOF
error: missing system packages: ${missing[*]}
Install them (as root) and run this script again:
  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}
EOF
        exit 1
    fi
    log "Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if [[ -z "${_APT_UPDATED:-}" ]]; then
        apt-get update -qq
        _APT_UPDATED=1
    fi
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# --- Django ------------------------------------------------------------------------------

manage() { "$VENV/bin/python" "$ROOT/manage.py" "$@"; }

# Compiles the project's .po files (the .mo files are not committed). Skipped when the
# project has no translations yet, since compilemessages then fails.
compile_messages() {
    local po
    po="$(find . \( -path ./.venv -o -path ./node_modules -o -path ./.git -o -path ./.pg \
        -o -path ./build -o -path ./staticfiles \) -prune -o -path '*/locale/*.po' -print -quit)"
    if [[ -z "$po" ]]; then
        warn "no locale/*.po files found: skipping compilemessages"
        return 0
    fi
    log "Compiling translations"
    manage compilemessages --verbosity 0 --ignore=.venv --ignore=node_modules --ignore=.git \
        --ignore=.pg --ignore=build --ignore=staticfiles
}

# Common setup for every entry point: Python, venv, Python deps, system libraries.
# Extra apt packages may be passed as arguments.
setup_environment() {
    ensure_apt_packages "${BASE_APT_PACKAGES[@]}" "$@"
    ensure_venv
    ensure_python_deps
}
