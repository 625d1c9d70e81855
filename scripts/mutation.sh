#!/usr/bin/env bash
# Mutation testing of the service and permission modules with mutmut 3 (issue 19).
# Slow (minutes per module on two cores): neither CI nor scripts/test.sh runs it.
#
#   scripts/mutation.sh                                   # every module of [tool.mutmut] source_paths
#   scripts/mutation.sh congress/editions/permissions.py  # only these modules
#
# mutmut and the project's dependencies live in their own virtualenv, .venv-mutmut/ (git-ignored),
# never in .venv. Each module runs alone in .mutmut/<module>/ (git-ignored) against its own tests
# ([tool.mutmut.tests_by_module] in pyproject.toml), on the fast SQLite subset
# (-m "not e2e and not postgres"). Prints killed / total per module, then the surviving mutants;
# `cd .mutmut/<module> && ../../.venv-mutmut/bin/mutmut show <mutant>` shows one.
# MUTMUT_CHILDREN=1 scripts/mutation.sh ... tests one mutant at a time (default: one per core).

source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

# Mutants tested at once (MUTMUT_CHILDREN, default: the number of cores). On a shared machine
# keep it at 1 or 2.
children="${MUTMUT_CHILDREN:-$(nproc)}"

MVENV="$ROOT/.venv-mutmut"
ensure_apt_packages "${BASE_APT_PACKAGES[@]}"

stamp_file="$MVENV/.deps-stamp"
# Reinstall when the project's dependencies change, not when [tool.mutmut] does.
want="$("$(find_python)" -c '
import hashlib, json, tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
deps = [project.get("dependencies"), project.get("optional-dependencies")]
print(hashlib.sha256(json.dumps(deps, sort_keys=True).encode()).hexdigest())')"
if [[ ! -x "$MVENV/bin/python" ]] || ! _python_ok "$MVENV/bin/python"; then
    python="$(find_python)" || exit 1
    rm -rf "$MVENV"
    log "Creating virtualenv .venv-mutmut with $python"
    "$python" -m venv "$MVENV"
fi
if [[ "$(cat "$stamp_file" 2>/dev/null)" != "$want" ]]; then
    log "Installing the project's dependencies and mutmut into .venv-mutmut"
    "$MVENV/bin/python" -m pip install --quiet --upgrade pip
    "$MVENV/bin/python" -m pip install --quiet ".[dev]" "mutmut>=3.3,<4"
    printf '%s\n' "$want" >"$stamp_file"
fi

# The modules to mutate: the arguments, or every source path of [tool.mutmut].
if (($#)); then
    modules=("$@")
else
    mapfile -t modules < <("$MVENV/bin/python" -c '
import tomllib
print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["tool"]["mutmut"]["source_paths"]))')
fi

# What the work folders must see: [tool.mutmut] also_copy (the apps, templates, static, locale,
# manage.py). An app missing there is missing from the mutants' copy: its imports fail and every
# mutant "survives" or the baseline run breaks.
mapfile -t copied < <("$MVENV/bin/python" -c '
import tomllib
print("\n".join(p.rstrip("/") for p in tomllib.load(open("pyproject.toml", "rb"))["tool"]["mutmut"]["also_copy"]))')

summary=()
for module in "${modules[@]}"; do
    [[ -f "$module" ]] || die "no such module: $module"
    slug="${module%.py}"
    slug="${slug//\//.}"
    work="$ROOT/.mutmut/$slug"
    mkdir -p "$work"
    # The work folder sees the checkout through symlinks (every entry of also_copy, and the
    # tests); mutmut copies them into $work/mutants.
    for entry in "${copied[@]}" tests; do
        ln -sfn "$ROOT/$entry" "$work/$entry"
    done
    # pyproject.toml with [tool.mutmut] narrowed to this module and its tests.
    "$MVENV/bin/python" - "$module" >"$work/pyproject.toml" <<'PY'
import json
import sys
import tomllib

module = sys.argv[1]
text = open("pyproject.toml", encoding="utf-8").read()
conf = tomllib.loads(text)["tool"]["mutmut"]
tests = conf.get("tests_by_module", {}).get(module, conf["pytest_add_cli_args_test_selection"])
print(text.split("\n[tool.mutmut]\n")[0].rstrip() + "\n")
print("[tool.mutmut]")
print(f"source_paths = {json.dumps([module])}")
print(f"also_copy = {json.dumps(conf['also_copy'])}")
print(f"pytest_add_cli_args = {json.dumps(conf['pytest_add_cli_args'])}")
print(f"pytest_add_cli_args_test_selection = {json.dumps(tests)}")
for key in ("timeout_constant", "timeout_multiplier"):
    if key in conf:
        print(f"{key} = {conf[key]}")
PY
    log "mutmut: $module"
    started=$SECONDS
    (cd "$work" && "$MVENV/bin/mutmut" run --max-children "$children") >"$work/run.log" 2>&1 ||
        warn "mutmut run failed for $module: see $work/run.log"
    (cd "$work" && "$MVENV/bin/mutmut" results --all true) >"$work/results.txt" 2>/dev/null || true
    line="$("$MVENV/bin/python" - "$module" "$work/results.txt" "$((SECONDS - started))" <<'PY'
import collections
import sys

module, results, seconds = sys.argv[1], sys.argv[2], sys.argv[3]
statuses = collections.Counter()
for row in open(results, encoding="utf-8"):
    if ": " in row:
        statuses[row.rsplit(": ", 1)[1].strip()] += 1
total = sum(statuses.values())
# A mutant is caught when a test fails on it or it hangs (timeout).
killed = statuses["killed"] + statuses["timeout"] + statuses["segfault"]
score = f"{100 * killed / total:.1f} %" if total else "n/a"
others = ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()) if s not in ("killed",))
print(f"{module}: {killed}/{total} killed ({score}){' - ' + others if others else ''} in {seconds} s")
PY
)"
    summary+=("$line")
    printf '%s\n' "$line"
    grep -v ": killed$" "$work/results.txt" | grep ": " || true
done

log "Mutation score per module (killed / total)"
printf '  %s\n' "${summary[@]}"
