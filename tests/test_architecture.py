"""The structure holds without anyone watching (CONVENTIONS.md, « The map »).

Every .py file under congress/, tracks/, proposals/ and reports/ (migrations excepted: they are
history, not code that runs) is parsed with ``ast``; its imports, at module level and inside
functions, make a graph of modules. The checks:

a. apps in order congress < tracks < proposals < reports: no module imports a later app;
b. inside an app, sub-domain layers (LAYERS, lowest first): a module may import its own layer
   or a lower one. Modules that only gather the sub-domains (WIRING) may import anything in
   their app;
c. no import cycle between modules;
d. no module over MAX_LINES lines;
e. no module-level import after the first statement that is not one (docstring,
   ``from __future__`` and ``if TYPE_CHECKING:`` blocks excepted);
f. no function decorated with ``transaction.atomic``: services open their transaction inside
   (``with transaction.atomic():``), where mutmut can mutate them (mutmut 3 skips decorated
   functions). ``scripts/atomic_blocks.py`` converts a decorated one.

``import a.b.c`` and ``from a.b import c`` (c a submodule) point to ``a.b.c``; ``from a.b import
name`` points to ``a.b`` (its ``__init__`` when it is a package). Parent packages get no edge.
"""

import ast
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = (
    "congress",
    "tracks",
    "proposals",
    "funding",
    "volunteers",
    "messaging",
    "reports",
)  # the one-way order of the data

# Sub-domain layers of each app, lowest first. A module belongs to the longest matching prefix
# (every module must match one). A new sub-domain package goes in at its place (and in its
# AppConfig.domains, same order).
LAYERS = {
    "congress": [
        "congress.core",  # plumbing: knows no domain
        "congress",  # apps.py only (the project's own modules are WIRING)
        "congress.accounts",
        "congress.organisations",
        "congress.editions",
        "congress.audit",
        "congress.payments",  # money documents and the card gateway
        "congress.registrations",  # the order's life: uses payments for the money
        "congress.payments.transfers",  # bank statements reconciled with orders: records payments
        "congress.onsite",  # the welcome desk: tickets, check-in, attendance certificates
        "congress.profile",  # "Mon compte": reads every sub-domain, erases across them
    ],
    "tracks": [
        "tracks",  # tracks, sessions, the congress programme, workshop sign-up
        "tracks.stands",  # the stands of an evening (issue 15)
        "tracks.activities",  # public programmes: places, filters, sign-up without an account
        "tracks.speakers",  # speakers' profiles: sessions' speakers, confirmed, photo consent
        "tracks.press",  # press accreditation requests and decisions
        "tracks.activity_proposals",  # partners propose activities in their places (issue 15)
        "tracks.feedback",  # surveys on sessions and the edition
    ],
    "proposals": [
        "proposals",  # the call for proposals: proposals, reviews, decisions, scheduling
        "proposals.outcomes",  # its own modules: validators (migration 0002), demo data
        "proposals.outcomes.recording",  # outcomes, policy proposals, revisions (the base)
        "proposals.outcomes.followup",
        "proposals.outcomes.endorsements",  # public pages: show follow-ups
        "proposals.outcomes.consolidation",  # the board: endorsements, follow-ups, merges
    ],
    "messaging": ["messaging"],
    "funding": [
        "funding",  # calls for projects: applications, jury, decisions (reuses proposals' tools)
        "funding.jury",  # organisers' management of a call's jurors (invitations) and criteria
        "funding.meetings",  # funders, wishes, the grid and the scheduler
        "funding.followup",  # funded projects' reports: due, received, late, reminders
    ],
    # Volunteers: profile and trainings (the base), missions of associations, shifts at editions.
    "volunteers": ["volunteers", "volunteers.missions", "volunteers.shifts", "volunteers.rooms"],
    "reports": ["reports"],
}

# Modules (or packages) that gather an app's sub-domains and so may import anything in their app:
# model and admin registration, URL and API routing, the project's own modules, the demo
# scenario that runs across the outcome sub-domains.
WIRING = {
    "congress": [
        "congress.settings",
        "congress.urls",
        "congress.wsgi",
        "congress.asgi",
        "congress.management",
        "congress.templatetags",
        "congress.models",  # registers the sub-domains' models under the congress label
        "congress.admin",  # registers their admins
    ],
    "tracks": [
        "tracks.models",  # registers the feedback, stands and public sign-up models under tracks
        "tracks.templatetags",  # lends the feedback's open surveys to the programme pages
        "tracks.admin",  # registers their admins
        "tracks.management",  # commands of the sub-domains (send_online_links)
    ],
    "proposals": [
        "proposals.models",  # registers the outcome models under the proposals label
        "proposals.admin",  # registers the outcome admins
        "proposals.outcomes.models",  # gathers them (settings' enum paths, exports)
        "proposals.outcomes.urls",  # included by congress/urls.py
        "proposals.outcomes.api",  # included by congress/urls.py
        "proposals.outcomes.demo",  # one scenario across recording, consolidation, follow-up
        "proposals.templatetags",  # lends lower layers' pages (the session page) outcome links
    ],
    "volunteers": [
        "volunteers.models",  # registers the rooms' models under the volunteers label
    ],
    "funding": [
        "funding.models",  # registers the meeting and follow-up models under the funding label
        "funding.admin",
        "funding.urls",  # includes the meetings' URLs
    ],
}

# The project's root modules route every app: they may import a later app (congress/urls.py).
PROJECT_MODULES = ["congress.settings", "congress.urls", "congress.wsgi", "congress.asgi"]

MAX_LINES = 400
# Modules allowed past MAX_LINES, each with its reason. Remove an entry when its module is split.
LONG_MODULES: dict[str, str] = {}


@dataclass(frozen=True)
class Rules:
    apps: tuple[str, ...]
    layers: dict[str, list[str]]
    wiring: dict[str, list[str]] = field(default_factory=dict)
    project: list[str] = field(default_factory=list)
    max_lines: int = MAX_LINES
    long_allowed: Iterable[str] = ()
    late_imports_allowed: Iterable[str] = ()


@dataclass
class Module:
    name: str
    path: Path
    is_package: bool
    tree: ast.Module
    lines: int


@dataclass
class Report:
    backward: list[str] = field(default_factory=list)
    layers: list[str] = field(default_factory=list)
    cycles: list[str] = field(default_factory=list)
    long: list[str] = field(default_factory=list)
    late_imports: list[str] = field(default_factory=list)
    atomic_decorators: list[str] = field(default_factory=list)


def load_modules(root: Path, apps: Iterable[str]) -> dict[str, Module]:
    modules = {}
    for app in apps:
        for path in sorted((root / app).rglob("*.py")):
            relative = path.relative_to(root)
            if "migrations" in relative.parts:
                continue
            parts = list(relative.with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            if is_package:
                parts.pop()
            text = path.read_text(encoding="utf-8")
            name = ".".join(parts)
            modules[name] = Module(
                name, relative, is_package, ast.parse(text, str(path)), len(text.splitlines())
            )
    return modules


def _imported(module: Module, modules: dict[str, Module]) -> Iterable[tuple[str, int]]:
    """(target module, line) for each import of an internal module, anywhere in the file."""
    package = module.name if module.is_package else module.name.rpartition(".")[0]
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in modules:
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in modules:
                    yield submodule, node.lineno
                elif source in modules:
                    yield source, node.lineno


def import_graph(modules: dict[str, Module]) -> dict[str, dict[str, int]]:
    """module -> {imported module: first line importing it}."""
    graph: dict[str, dict[str, int]] = {}
    for name, module in modules.items():
        edges = graph.setdefault(name, {})
        for target, line in _imported(module, modules):
            if target != name:
                edges.setdefault(target, line)
    return graph


def _matches(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _app(name: str, apps: Iterable[str]) -> str:
    return next(app for app in apps if _matches(name, app))


def _layer(name: str, layers: list[str]) -> int | None:
    found = [(len(p), i) for i, p in enumerate(layers) if _matches(name, p)]
    return max(found)[1] if found else None


def _cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each as a cycle path."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, {})):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(set(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_cycle_path(graph, component) for component in components]


def _cycle_path(graph: dict[str, dict[str, int]], component: set[str]) -> list[str]:
    """One cycle through the component's first module (shortest, breadth first)."""
    start = min(component)
    previous = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node]):
            if target == start:
                path = [node]
                while previous[path[-1]] is not None:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if target in component and target not in previous:
                previous[target] = node
                queue.append(target)
    return sorted(component)  # not reached: a component of several modules has a cycle


def _late_import_line(tree: ast.Module) -> int | None:
    """Line of the first module-level import that follows another kind of statement."""
    seen_statement = False
    for position, node in enumerate(tree.body):
        if isinstance(node, ast.Import | ast.ImportFrom):
            if seen_statement:
                return node.lineno
        elif position == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the docstring
        elif isinstance(node, ast.If) and ast.unparse(node.test) in (
            "TYPE_CHECKING",
            "typing.TYPE_CHECKING",
        ):
            continue
        else:
            seen_statement = True
    return None


def _atomic_decorator_lines(tree: ast.Module) -> Iterable[tuple[int, str]]:
    """(line, function) of each function decorated by something named ``atomic``, with or
    without a call (``@transaction.atomic``, ``@transaction.atomic()``, ``@atomic``)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                name = (
                    target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
                )
                if name == "atomic":
                    yield decorator.lineno, node.name


def check(root: Path, rules: Rules) -> Report:
    modules = load_modules(root, rules.apps)
    graph = import_graph(modules)
    report = Report()
    order = {app: i for i, app in enumerate(rules.apps)}
    for name, edges in sorted(graph.items()):
        app = _app(name, rules.apps)
        path = modules[name].path
        for target, line in sorted(edges.items()):
            target_app = _app(target, rules.apps)
            where = f"{path}:{line}: {name} imports {target}"
            if order[target_app] > order[app]:
                if not any(_matches(name, p) for p in rules.project):
                    report.backward.append(f"{where} ({app} comes before {target_app})")
                continue
            if target_app != app or any(_matches(name, p) for p in rules.wiring.get(app, ())):
                continue
            layers = rules.layers.get(app, [app])
            mine, theirs = _layer(name, layers), _layer(target, layers)
            if mine is None or theirs is None:
                missing = name if mine is None else target
                report.layers.append(f"{where}: {missing} is in no layer of LAYERS[{app!r}]")
            elif theirs > mine:
                report.layers.append(f"{where} (layer {layers[theirs]} is above {layers[mine]})")
    for cycle in _cycles(graph):
        report.cycles.append(" -> ".join(cycle))
    for name, module in sorted(modules.items()):
        if module.lines > rules.max_lines and name not in rules.long_allowed:
            report.long.append(f"{module.path}: {module.lines} lines (at most {rules.max_lines})")
        line = _late_import_line(module.tree)
        if line is not None and name not in rules.late_imports_allowed:
            report.late_imports.append(f"{module.path}:{line}: import after other statements")
        for line, function in _atomic_decorator_lines(module.tree):
            report.atomic_decorators.append(
                f"{module.path}:{line}: {function}() is decorated with atomic: "
                "use `with transaction.atomic():` inside (scripts/atomic_blocks.py)"
            )
    return report


PROJECT_RULES = Rules(
    apps=APPS,
    layers=LAYERS,
    wiring=WIRING,
    project=PROJECT_MODULES,
    long_allowed=list(LONG_MODULES),
)


@cache
def _project_report() -> Report:
    return check(ROOT, PROJECT_RULES)


def test_no_import_goes_back_against_the_app_order():
    assert _project_report().backward == []


def test_sub_domains_import_only_their_own_layer_or_lower_ones():
    assert _project_report().layers == []


def test_no_import_cycle():
    assert _project_report().cycles == []


def test_no_module_is_too_long():
    assert _project_report().long == []


def test_imports_are_at_the_top_of_modules():
    assert _project_report().late_imports == []


def test_transactions_are_opened_inside_the_functions():
    """mutmut 3 never mutates a decorated function: a service under @transaction.atomic would
    escape mutation testing (scripts/mutation.sh, issue 19)."""
    assert _project_report().atomic_decorators == []


def test_allowances_are_still_needed():
    """An allowance whose module got fixed (or gone) must be removed, so the tables stay true."""
    modules = load_modules(ROOT, APPS)
    stale_long = [
        name for name in LONG_MODULES if name not in modules or modules[name].lines <= MAX_LINES
    ]
    assert stale_long == []


# --- the checker can fail ---------------------------------------------------------------------


def _write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_checker_reports_each_kind_of_violation(tmp_path):
    _write(
        tmp_path,
        {
            "low/__init__.py": "",
            "low/models.py": '"""Doc."""\n\nfrom high import views\n',  # backward
            "low/migrations/0001_initial.py": "from high import views\n",  # ignored
            "high/__init__.py": "",
            "high/views.py": "from high.shop import services\n",  # base layer -> shop: up
            "high/urls.py": "from high.shop import services\n",  # wiring: allowed
            "high/shop/__init__.py": "",
            "high/shop/services.py": "def f():\n    from high.shop import selectors\n",
            "high/shop/selectors.py": "from . import services\n",  # cycle (relative)
            "high/shop/long.py": "x = 1\n" * 401,
            "high/shop/late.py": (
                '"""Doc."""\n\nfrom __future__ import annotations\n\nfrom typing import '
                "TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import os\n\nX = 1\n\nimport sys\n"
            ),
            "high/shop/tx.py": (
                "from django.db import transaction\nfrom django.db.transaction import atomic\n\n"
                "@transaction.atomic\ndef a():\n    pass\n\n"
                "@transaction.atomic(savepoint=False)\ndef b():\n    pass\n\n"
                "class C:\n    @atomic\n    def c(self):\n        pass\n\n"
                "def fine():\n    with transaction.atomic():\n        pass\n"
            ),
        },
    )
    rules = Rules(
        apps=("low", "high"),
        layers={"high": ["high", "high.shop"]},
        wiring={"high": ["high.urls"]},
    )

    report = check(tmp_path, rules)

    assert report.backward == [
        "low/models.py:3: low.models imports high.views (low comes before high)"
    ]
    assert report.layers == [
        "high/views.py:1: high.views imports high.shop.services (layer high.shop is above high)"
    ]
    assert report.cycles == ["high.shop.selectors -> high.shop.services -> high.shop.selectors"]
    assert report.long == ["high/shop/long.py: 401 lines (at most 400)"]
    assert report.late_imports == ["high/shop/late.py:12: import after other statements"]
    assert [entry.split(" is decorated")[0] for entry in report.atomic_decorators] == [
        "high/shop/tx.py:4: a()",
        "high/shop/tx.py:8: b()",
        "high/shop/tx.py:13: c()",
    ]


def test_checker_reads_submodules_and_names_precisely(tmp_path):
    _write(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/a/__init__.py": "from app.b import thing\n",  # a name of app.b: edge to app.b
            "app/a/models.py": "import app.b.models\nfrom app.b import models\n",
            "app/b/__init__.py": "thing = 1\n",
            "app/b/models.py": "from app import a\n",  # the package app.a: its __init__
        },
    )
    modules = load_modules(tmp_path, ["app"])

    graph = import_graph(modules)

    assert {name: sorted(edges) for name, edges in graph.items()} == {
        "app": [],
        "app.a": ["app.b"],
        "app.a.models": ["app.b.models"],
        "app.b": [],
        "app.b.models": ["app.a"],
    }
    report = check(tmp_path, Rules(apps=("app",), layers={"app": ["app"]}))
    assert report.cycles == []  # app.a.models -> app.b.models -> app.a is no cycle
