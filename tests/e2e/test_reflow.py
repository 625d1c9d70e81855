"""Reflow (RGAA 10.11, WCAG 1.4.10): no page of the site scrolls sideways on a 320 px screen.

Every role of the accessibility crawl browses the demo edition with its start pages and page list
(``tests/e2e/test_accessibility_crawl.py``), all of them on a 320 CSS px wide screen (1280 px at
400 % zoom), and every page must satisfy
``document.documentElement.scrollWidth <= window.innerWidth``. Every offender of every role is
reported in a single failure. axe-core runs in the crawl itself, not here (this test is about
width only, and stays fast enough to run with every change of a template or of the CSS).
"""

import os

import pytest
from django.core.management import call_command
from django.urls import reverse

from congress.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD
from congress.editions.models import Congress
from congress.organisations.models import Membership
from congress.registrations.models import Order
from proposals.outcomes.models import ensure_addressees
from tests.e2e.conftest import ROOT, log_in
from tests.e2e.test_accessibility_crawl import ROLES, SMALL_SCREEN, crawl

pytestmark = pytest.mark.django_db(transaction=True)

SIDEWAYS = "scrolls sideways"
SHOTS = ROOT / "artifacts" / "reflow"
DEMO_SLUG = "congres-solidarites-2024"


def test_no_page_scrolls_sideways_at_320_px_for_any_role(new_browser):
    ensure_addressees()
    call_command("seed_demo", "--quiet-logins", stdout=open("/dev/null", "w"))  # noqa: SIM115
    problems: list[str] = []
    visited_by_role = {}
    for role, email in ROLES.items():
        web = new_browser()
        web.page.set_viewport_size(SMALL_SCREEN)
        start = ["/"]
        if email:
            log_in(web, email, DEMO_PASSWORD)
            start.append("/account/")
            if web.page.locator("nav a[href='/staff/']").count():
                start.append("/staff/")
        found: list[str] = []
        visited_by_role[role] = crawl(
            web, role, start, found, set(), logged_in=bool(email), run_axe=False
        )
        # Other faults (headings, landmarks, axe) are the accessibility crawl's to report.
        problems += [problem for problem in found if SIDEWAYS in problem]
        web.console_errors.clear()
        web.context.close()
    assert problems == [], f"{len(problems)} pages scroll sideways at 320 px:\n" + "\n".join(
        f"- {p}" for p in problems
    )
    # The walk went somewhere: every role reached more than its start pages.
    assert all(len(pages) > 3 for pages in visited_by_role.values()), visited_by_role


# The five pages the issue measured too wide on a phone, each seen by the role that uses it.
NAMED_OFFENDERS = {
    "orders": f"asso@{DEMO_DOMAIN}",
    "organisation": f"asso@{DEMO_DOMAIN}",
    "my_programme": f"participant@{DEMO_DOMAIN}",
    "registrations_board": f"organisateur@{DEMO_DOMAIN}",
    "dashboard": f"organisateur@{DEMO_DOMAIN}",
}


def named_offender_path(name: str, email: str) -> str:
    congress = Congress.objects.get(slug=DEMO_SLUG)
    if name == "orders":
        order = Order.objects.filter(congress=congress, placed_by__email=email).earliest("pk")
        return reverse("order_detail", args=[congress.slug, order.pk])
    if name == "organisation":
        membership = Membership.objects.filter(user__email=email).earliest("pk")
        return membership.organisation.get_absolute_url()
    if name == "my_programme":
        return reverse("my_programme", args=[congress.slug])
    if name == "registrations_board":
        return reverse("registration_board", args=[congress.slug])
    return reverse("report_dashboard", args=[congress.slug])


def test_the_five_pages_named_by_the_issue_fit_a_320_px_screen(new_browser):
    """Screenshots into artifacts/reflow/ (REFLOW_SHOTS=before|after names them)."""
    ensure_addressees()
    call_command("seed_demo", "--quiet-logins", stdout=open("/dev/null", "w"))  # noqa: SIM115
    suffix = os.environ.get("REFLOW_SHOTS", "after")
    SHOTS.mkdir(parents=True, exist_ok=True)
    too_wide = {}
    for name, email in NAMED_OFFENDERS.items():
        web = new_browser()
        web.page.set_viewport_size(SMALL_SCREEN)
        log_in(web, email, DEMO_PASSWORD)
        web.go(named_offender_path(name, email))
        web.page.screenshot(path=str(SHOTS / f"{name}-{suffix}.png"), full_page=True)
        overflow = web.page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        if overflow > 0:
            too_wide[name] = overflow
        web.context.close()
    assert too_wide == {}
