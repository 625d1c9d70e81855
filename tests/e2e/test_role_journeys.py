"""Each role's main journey on a phone (375 px) and a desktop (1280 px) (issue 14).

One test per role, on the demo as ``seed_demo`` leaves it (the ``seeded_demo`` fixture, shared
with the accessibility crawl): the role logs in and walks its pages at 375 × 800, then again in a
fresh browser at 1280 × 800, and at each width submits one of its forms with errors. At every
step: no sideways scrolling (``scrollWidth <= innerWidth``), axe-core clean, no « place(s) », no
error page or console error; after the form: the error summary is on screen before the fields in
error, has the focus and links to each of them (the first link moves the focus to its field).

The demo banner is checked on every page of every journey: shown on the phone walk (with
``DEMO_SITE`` on), absent on the desktop walk (``DEMO_SITE`` off, a real site).

``SCREENSHOTS=1`` keeps a screenshot of each step in ``artifacts/journeys/``, named
``<role>-<step number>-<step>-<width>.png``.
"""

import os
import time
from dataclasses import dataclass, field

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from congress.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD
from congress.editions.models import Congress
from congress.organisations.models import Membership
from congress.registrations.models import Order
from tests.e2e.conftest import AXE_TAGS, ROOT, log_in
from tests.e2e.test_accessibility_crawl import AXE_JS
from tests.spaces import plain
from tests.test_error_summary import demo_workshop_of_the_moderator
from tests.test_no_plural_brackets import BRACKETED_PLURAL_JS

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = ROOT / "artifacts" / "journeys"
WIDTHS = (375, 1280)
HEIGHT = 800
PAST = "congres-solidarites-2024"
BANNER = "Site de démonstration — données fictives"

SIDEWAYS = "() => document.documentElement.scrollWidth - window.innerWidth"
# The summary has the focus, comes before every field in error, and each link leads to a field.
SUMMARY_FACTS = """() => {
  const summary = document.querySelector('[data-error-summary]');
  const invalid = [...document.querySelectorAll('main .is-invalid, main [aria-invalid=true]')];
  const links = [...summary.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href'));
  return {
    focused: document.activeElement === summary,
    first: invalid.every(f => summary.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING),
    invalid: invalid.length,
    links,
    missing: links.filter(href => !document.getElementById(href.slice(1))),
    top: Math.round(summary.getBoundingClientRect().top),
  };
}"""


@dataclass
class Journey:
    email: str | None
    steps: list[tuple[str, str]]  # (step, path)
    form: str  # the page of the form submitted with errors
    button: str  # its submit button
    clear: list[str] = field(default_factory=list)  # fields (CSS) emptied before submitting


def demo(name: str) -> str:
    return f"{name}@{DEMO_DOMAIN}"


def organisation_of(email: str):
    return Membership.objects.filter(user__email=email).earliest("pk").organisation


def order_of(email: str) -> str:
    order = Order.objects.filter(congress__slug=PAST, placed_by__email=email).earliest("pk")
    return reverse("order_detail", args=[PAST, order.pk])


def visitor() -> Journey:
    current = Congress.objects.current()
    past = Congress.objects.get(slug=PAST)
    workshop = past.sessions.filter(session_type__is_workshop=True).order_by("starts_at").first()
    return Journey(
        None,
        [
            ("home", reverse("home")),
            ("edition", reverse("congress_detail", args=[current.slug])),
            ("programme", reverse("programme", args=[PAST])),
            ("session", reverse("session_detail", args=[PAST, workshop.pk])),
            ("track", reverse("track_detail", args=[PAST, workshop.track.slug])),
            ("policy-proposals", reverse("public_policy_list", args=[PAST])),
        ],
        reverse("sign_up"),
        "Créer mon compte",
    )


def participant() -> Journey:
    return Journey(
        demo("participant"),
        [
            ("account", reverse("account")),
            ("my-programme", reverse("my_programme", args=[PAST])),
            ("proposals", reverse("proposal_list", args=[PAST])),
        ],
        reverse("password_change"),
        "Enregistrer",
    )


def manager(name: str) -> Journey:
    email = demo(name)
    organisation = organisation_of(email)
    current = Congress.objects.current()
    return Journey(
        email,
        [
            ("account", reverse("account")),
            ("organisation", organisation.get_absolute_url()),
            ("order", order_of(email)),
            ("register", reverse("registration_start", args=[current.slug])),
        ],
        reverse("organisation_edit", args=[organisation.slug]),
        "Enregistrer",
        clear=["#id_name"],
    )


def ccas_manager() -> Journey:
    journey = manager("ccas")
    current = Congress.objects.current()
    journey.steps[-1] = ("proposals", reverse("proposal_list", args=[current.slug]))
    journey.form = reverse("proposal_create", args=[current.slug])
    journey.button, journey.clear = "Enregistrer le brouillon", []
    return journey


def reviewer() -> Journey:
    current = Congress.objects.current()
    return Journey(
        demo("relecteur"),
        [("account", reverse("account")), ("reviews", reverse("review_list", args=[current.slug]))],
        "",  # the first proposal to review, read from the list
        "Enregistrer ma relecture",
    )


def moderator() -> Journey:
    slug, workshop = demo_workshop_of_the_moderator()
    return Journey(
        demo("animateur"),
        [
            ("account", reverse("account")),
            ("outcomes", reverse("outcome_workshop_list", args=[slug])),
            ("attendees", reverse("session_attendees", args=[slug, workshop])),
        ],
        reverse("outcome_edit", args=[slug, workshop]),
        "Enregistrer le brouillon",
        clear=["#id_attendee_count"],
    )


def organiser() -> Journey:
    current = Congress.objects.current()
    return Journey(
        demo("organisateur"),
        [
            ("staff-home", reverse("staff_home")),
            ("registrations", reverse("registration_board", args=[PAST])),
            ("ranking", reverse("ranking", args=[PAST])),
            ("schedule", reverse("schedule_list", args=[PAST])),
            ("sessions", reverse("staff_sessions", args=[current.slug])),
            ("policy-board", reverse("policy_board", args=[PAST])),
        ],
        reverse("session_create", args=[current.slug]),
        "Enregistrer la session",
    )


JOURNEYS = {
    "visitor": visitor,
    "participant": participant,
    "association-manager": lambda: manager("asso"),
    "ccas-manager": ccas_manager,
    "reviewer": reviewer,
    "moderator": moderator,
    "organiser": organiser,
}


class Walk:
    def __init__(self, web, role: str, width: int, banner: bool):
        self.web, self.role, self.width, self.banner = web, role, width, banner
        self.number = 0

    def check(self, step: str):
        """The page as it is now: fits the width, axe clean, the banner as the setting says."""
        page = self.web.page
        page.wait_for_load_state("load")
        self.number += 1
        where = f"{self.role} at {self.width} px, step {self.number} ({step}: {page.url})"
        banner = page.locator("#demo-banner")
        if self.banner:
            expect(banner).to_contain_text(BANNER)
        else:
            expect(banner).to_have_count(0)
        if os.environ.get("SCREENSHOTS") == "1":
            SHOTS.mkdir(parents=True, exist_ok=True)
            name = f"{self.role}-{self.number:02d}-{step}-{self.width}.png"
            page.screenshot(path=str(SHOTS / name), full_page=True)
        assert page.evaluate(SIDEWAYS) <= 0, f"{where}: scrolls sideways"
        assert page.evaluate(BRACKETED_PLURAL_JS) == [], f"{where}: a plural in brackets"
        # The crawl's axe call: only the violations' details are gathered (much faster).
        violations = page.evaluate(AXE_JS, AXE_TAGS)["violations"]
        found = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:5]) for v in violations]
        assert found == [], f"axe violations on {where}: {found}"
        self.web.assert_clean(where)

    def submit_with_errors(self, journey: Journey):
        page = self.web.page
        if not journey.form:  # the reviewer: the first proposal of the list
            link = page.locator("main a[href*='/review/']").first
            journey.form = link.get_attribute("href")
        self.web.go(journey.form)
        self.check("form")
        for selector in journey.clear:
            page.locator(selector).fill("")
        page.locator("main").get_by_role("button", name=journey.button, exact=True).click()
        page.wait_for_function("() => document.activeElement.matches('[data-error-summary]')")
        # Some views answer an invalid form with 400 (Bad Request): expected here.
        self.web.http_errors = [e for e in self.web.http_errors if "HTTP 400 for POST" not in e]
        self.web.console_errors = [e for e in self.web.console_errors if "status of 400" not in e]
        facts = page.evaluate(SUMMARY_FACTS)
        where = f"{self.role} at {self.width} px, {journey.form}"
        assert facts["focused"] and facts["first"], (where, facts)
        assert facts["links"] and facts["missing"] == [], (where, facts)
        assert 0 <= facts["top"] < HEIGHT, (where, "summary not on screen", facts)
        summary = page.locator("[data-error-summary]")
        heading = plain(summary.get_by_role("heading").inner_text())
        assert heading.startswith("Le formulaire contient"), (where, heading)
        self.check("errors")
        # The first link leads to its field.
        link = summary.get_by_role("link").first
        target = link.get_attribute("href")[1:]
        link.click()
        page.wait_for_function("(id) => document.activeElement.id === id", arg=target)


@pytest.mark.parametrize("role", JOURNEYS)
def test_each_role_walks_its_journey_on_a_phone_and_a_desktop(
    seeded_demo, new_browser, settings, role
):
    journey = JOURNEYS[role]()
    form = journey.form
    for width in WIDTHS:
        # The phone walk on the demo site (banner on), the desktop walk as a real site. A new
        # browser for each: its HTTP cache would answer the programme's 304 with the banner.
        settings.DEMO_SITE = width == WIDTHS[0]
        web = new_browser()
        web.page.set_viewport_size({"width": width, "height": HEIGHT})
        if journey.email:
            log_in(web, journey.email, DEMO_PASSWORD)
        walk = Walk(web, role, width, banner=settings.DEMO_SITE)
        started = time.perf_counter()
        for step, path in journey.steps:
            web.go(path)
            walk.check(step)
        journey.form = form
        walk.submit_with_errors(journey)
        web.assert_clean(f"the end of the {role} journey at {width} px")
        print(f"\n{role} at {width} px: {time.perf_counter() - started:.1f} s")
