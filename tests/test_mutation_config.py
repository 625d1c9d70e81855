"""[tool.mutmut] (pyproject.toml) reaches every service and permission module (issue 19).

scripts/mutation.sh mutates the modules of ``source_paths``, each against its own tests
(``tests_by_module``), in a copy of the checkout made of ``also_copy``: a new app or a new
sub-domain must appear there, or it is never mutation-tested (or its imports fail in the copy).
"""

import tomllib

from tests.test_architecture import APPS, ROOT

CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]


def _modules(name: str) -> set[str]:
    return {
        path.relative_to(ROOT).as_posix()
        for app in APPS
        for path in (ROOT / app).rglob(name)
        if "migrations" not in path.parts
    }


def test_every_service_and_permission_module_is_mutated():
    wanted = _modules("services.py") | _modules("permissions.py")

    assert sorted(wanted - set(CONFIG["source_paths"])) == []


def test_every_mutated_module_has_its_own_existing_tests():
    by_module = CONFIG["tests_by_module"]

    assert sorted(set(CONFIG["source_paths"]) ^ set(by_module)) == []
    missing = [
        f"{module}: {test}"
        for module, tests in by_module.items()
        for test in [module, *tests]
        if not (ROOT / test).exists()
    ]
    assert missing == []


def test_the_mutants_copy_holds_every_app():
    copied = {entry.rstrip("/") for entry in CONFIG["also_copy"]}

    assert sorted(set(APPS) - copied) == []
