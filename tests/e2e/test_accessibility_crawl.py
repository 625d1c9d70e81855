"""Accessibility crawl: every role browses the demo edition breadth-first from its start pages.

On each page reached through the navigation, the main content or the account/staff pages:
axe-core (WCAG 2.1 A/AA + best practice, no violation), no CSP violation, HTTP 200 (a 403 means
the navigation offers a link the role cannot use: reported too), ``<html lang>`` set, exactly
one ``<h1>`` and one ``<main>`` landmark, no sideways scrolling: every role browses on a 320 CSS px
wide screen (RGAA 10.11, WCAG 1.4.10 reflow: 1280 px at 400 % zoom), where
``document.documentElement.scrollWidth`` must not pass ``window.innerWidth``; no plural in
brackets (« place(s) ») in the page's text. Every problem of every page is collected and each
role's test fails once with a readable report.

One test per role (each on the demo as ``seed_demo`` leaves it: the ``seeded_demo`` fixture), so
that the workers share them.
"""

import functools
import hashlib
import json
import re
import time
from collections import Counter, deque
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError

from congress.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD
from tests.e2e.conftest import AXE_TAGS, log_in

pytestmark = pytest.mark.django_db(transaction=True)

MAX_PAGES_PER_ROLE = 60
# The organisers' pages are the most numerous (programme, calls, messages, printed matter,
# on-site, volunteers, reports): a larger bound, so that every kind is still reached.
MAX_PAGES = {"organisateur·rice": 100}
MAX_PER_PATTERN = 3
SMALL_SCREEN = {"width": 320, "height": 640}

# role -> demo account (None: anonymous visitor)
ROLES = {
    "visiteur anonyme": None,
    "participant·e (membre d'association)": f"participant@{DEMO_DOMAIN}",
    "gestionnaire d'association": f"asso@{DEMO_DOMAIN}",
    "gestionnaire de CCAS": f"ccas@{DEMO_DOMAIN}",
    "relecteur·rice": f"relecteur@{DEMO_DOMAIN}",
    "animateur·rice de thème": f"animateur@{DEMO_DOMAIN}",
    "organisateur·rice": f"organisateur@{DEMO_DOMAIN}",
}

# The home page shows the demo's upcoming edition, which has no proposals, reviews or outcomes
# yet: the roles whose pages hold them also start from those of the past (2024) edition.
PAST = "/congresses/congres-solidarites-2024/"
PAST_STARTS = {
    "visiteur anonyme": [PAST + "policy-proposals/"],
    "participant·e (membre d'association)": [PAST + "proposals/"],
    "relecteur·rice": [PAST + "review/"],
    "organisateur·rice": [
        PAST + "outcomes/",
        PAST + "staff/ranking/",
        PAST + "staff/schedule/",
        "/staff/congres-solidarites-2024/policy-proposals/",
    ],
}

# Kinds of pages (URL names) each role must reach through its links: the crawl's coverage.
EXPECTED = {
    "visiteur anonyme": {
        "home", "congress_detail", "programme", "session_detail", "track_detail",
        "public_policy_list", "public_policy_detail", "organisation_list", "organisation_detail",
        "legal", "login", "sign_up", "registration_start",
    },
    "participant·e (membre d'association)": {
        "account", "my_programme", "proposal_list", "proposal_detail", "organisation_detail",
    },
    "gestionnaire d'association": {"order_detail", "organisation_edit", "registration_start"},
    "gestionnaire de CCAS": {"order_detail", "organisation_edit"},
    "relecteur·rice": {"review_list", "review_edit"},
    "animateur·rice de thème": {"outcome_workshop_list", "outcome_edit", "session_attendees"},
    "organisateur·rice": {
        "staff_home", "staff_audit_log", "registration_board", "call_settings", "ranking",
        "schedule_list", "proposal_schedule", "staff_sessions", "staff_session_grid",
        "session_edit", "track_roles",
        "policy_board", "policy_staff_detail", "transversality", "endorsement_period",
        "outcome_history", "report_dashboard", "report_page", "export_list",
    },
}  # fmt: skip

SKIPPED_PREFIXES = ("/admin/", "/api/", "/i18n/", "/account/logout/", "/static/", "/media/")
SKIPPED_SUFFIXES = (".ics", ".pdf", ".csv", ".xlsx", ".css", ".json", ".zip")

# Links of the navigation (header and footer), of <main>; and the page's facts, in one round trip.
PAGE_FACTS_JS = r"""() => {
  const links = [...document.querySelectorAll('nav a[href], main a[href]')]
    .filter(a => !a.hasAttribute('download'))
    .map(a => a.href);
  const actions = [...document.querySelectorAll('form')]
    .filter(f => (f.getAttribute('method') || 'get').toLowerCase() === 'post')
    .map(f => f.action);
  return {
    links, actions,
    lang: document.documentElement.getAttribute('lang') || '',
    h1: document.querySelectorAll('h1').length,
    main: document.querySelectorAll('main, [role=main]').length,
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    width: window.innerWidth,
    // A plural in brackets, « place(s) » (tests/test_no_plural_brackets.py): ngettext instead.
    plurals: document.body.innerText.match(/\p{L}\((?:e?s|x)\)/gu) || [],
    markup: document.documentElement.outerHTML.replace(/value="[^"]*"/g, ''),
  };
}"""

# resultTypes: only violations get their full node details (much faster on big pages).
AXE_JS = """async (tags) => await axe.run(document, {
  runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"""


@functools.cache
def url_pattern(url: str) -> str:
    """The same page with another id or slug shares a pattern (the URL name and query keys)."""
    path, _, query = url.partition("?")
    try:
        match = resolve(path)
        name = match.view_name
        # Distinct pages that share a view (the legal pages) keep their own pattern.
        if name == "legal":
            name = path
    except Resolver404:
        name = re.sub(r"\d+", "<n>", path)
    keys = sorted({part.split("=")[0] for part in query.split("&") if part})
    return name + ("?" + "&".join(keys) if keys else "")


def is_crawlable(path: str) -> bool:
    return not path.startswith(SKIPPED_PREFIXES) and not path.endswith(SKIPPED_SUFFIXES)


def crawl(
    web,
    role: str,
    start: list[str],
    problems: list[str],
    checked_markup: set[str],
    *,
    logged_in: bool,
    run_axe: bool = True,
) -> list[str]:
    origin = urlsplit(web.base_url)
    queue = deque(start)
    seen: set[str] = set(start)
    per_pattern: Counter = Counter()
    form_actions: set[str] = set()
    visited: list[str] = []
    found_on: dict[str, str] = {}
    while queue and len(visited) < MAX_PAGES.get(role, MAX_PAGES_PER_ROLE):
        # Breadth-first, but a kind of page not seen yet goes before one more of a known kind,
        # so that the bound on pages cuts repetitions rather than whole kinds of pages.
        url = next((u for u in queue if not per_pattern[url_pattern(u)]), queue[0])
        queue.remove(url)
        if url in form_actions and url not in start:
            continue
        pattern = url_pattern(url)
        if per_pattern[pattern] >= MAX_PER_PATTERN:
            continue
        per_pattern[pattern] += 1
        path = url.partition("?")[0]
        web.console_errors.clear()
        try:
            response = web.go(url, status=None)  # statuses are reported below
        except PlaywrightError as error:
            if "Download is starting" in str(error):  # a file (data export, invoice): not a page
                continue
            raise
        visited.append(url)
        where = f"[{role}] {url}" + (f" (linked from {found_on[url]})" if url in found_on else "")
        status = response.status if response else 0
        if status == 403:
            problems.append(f"{where}: 403 — a link the role cannot use is offered")
        elif status != 200:
            problems.append(f"{where}: HTTP {status}")
            continue
        landed = urlsplit(web.page.url).path
        if logged_in and landed == "/account/login/":
            problems.append(f"{where}: sends a logged-in person back to the login page")
        facts = web.page.evaluate(PAGE_FACTS_JS)
        if not facts["lang"]:
            problems.append(f'{where}: <html lang=""> is empty')
        if facts["h1"] != 1:
            problems.append(f"{where}: {facts['h1']} <h1> (expected exactly one)")
        if facts["main"] != 1:
            problems.append(f"{where}: {facts['main']} <main> landmarks (expected one)")
        if facts["overflow"] > 0:
            problems.append(
                f"{where}: the page scrolls sideways at {facts['width']} px "
                f"({facts['overflow']} px too wide; WCAG 1.4.10 reflow)"
            )
        if facts["plurals"]:
            problems.append(f"{where}: plurals in brackets {facts['plurals']} (use ngettext)")
        # The same markup (another role seeing the very same page) gives the same axe result.
        fingerprint = hashlib.sha256(f"{facts['width']}{facts.pop('markup')}".encode()).hexdigest()
        if fingerprint in checked_markup or not run_axe:
            violations = []
        else:
            checked_markup.add(fingerprint)
            violations = web.page.evaluate(AXE_JS, AXE_TAGS)["violations"]
        for violation in violations:
            nodes = [" ".join(n["target"]) for n in violation["nodes"]]
            problems.append(
                f"{where}: axe {violation['id']} ({violation['impact']}): {violation['help']}\n"
                + "".join(f"      - {node}\n" for node in nodes[:5])
                + (f"      … and {len(nodes) - 5} more\n" if len(nodes) > 5 else "")
            )
        if web.console_errors:
            errors = json.dumps(web.console_errors, ensure_ascii=False)
            problems.append(f"{where}: console errors (CSP included) {errors}")
            web.console_errors.clear()
        for action in facts["actions"]:
            parts = urlsplit(action)
            if parts.netloc == origin.netloc and parts.path != path:
                form_actions.add(parts.path + (f"?{parts.query}" if parts.query else ""))
        for link in facts["links"]:
            parts = urlsplit(link)
            if parts.scheme not in ("http", "https") or parts.netloc != origin.netloc:
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target in seen or not is_crawlable(parts.path):
                continue
            seen.add(target)
            found_on[target] = url
            queue.append(target)
    return visited


@pytest.mark.parametrize("role", ROLES)
def test_each_role_crawls_the_site_on_a_phone_without_accessibility_violations(
    seeded_demo, new_browser, role
):
    """One role per test: the workers of pytest-xdist share the roles between them."""
    started = time.perf_counter()
    problems: list[str] = []
    email = ROLES[role]
    web = new_browser()
    # Every role on a small screen: 320 CSS px, i.e. 1280 px at 400 % (RGAA 10.11 reflow).
    web.page.set_viewport_size(SMALL_SCREEN)
    start = ["/"]
    if email:
        log_in(web, email, DEMO_PASSWORD)
        start.append("/account/")
        if web.page.locator("nav a[href='/staff/']").count():
            start.append("/staff/")
    start += PAST_STARTS.get(role, [])
    visited = crawl(web, role, start, problems, set(), logged_in=bool(email))
    reached = {resolve(url.partition("?")[0]).url_name for url in visited}
    if missing := EXPECTED[role] - reached:
        problems.append(f"[{role}] never reached: {', '.join(sorted(missing))}")
    web.context.close()
    print(
        f"\nAccessibility crawl of {role}: {len(visited)} pages in {time.perf_counter() - started:.0f} s"
    )
    assert problems == [], (
        f"{len(problems)} accessibility problems found by the crawl:\n"
        + "\n".join(f"- {p}" for p in problems)
    )
    # The crawl went somewhere: the role reached more than its start pages.
    assert len(visited) > len(start), visited
