"""Reflow (RGAA 10.11, WCAG 1.4.10): the pages the issue measured too wide fit a 320 px screen.

Every page that every role reaches is checked at 320 CSS px by the accessibility crawl
(``tests/e2e/test_accessibility_crawl.py``, which runs axe-core and the width check on each
page). This test keeps screenshots of the five pages the review named, seen by the role that
uses them.
"""

import os

import pytest
from django.urls import reverse

from congress.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD
from congress.editions.models import Congress
from congress.organisations.models import Membership
from congress.registrations.models import Order
from tests.e2e.conftest import ROOT, log_in
from tests.e2e.test_accessibility_crawl import SMALL_SCREEN

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = ROOT / "artifacts" / "reflow"
DEMO_SLUG = "congres-solidarites-2024"


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


def test_the_five_pages_named_by_the_issue_fit_a_320_px_screen(seeded_demo, new_browser):
    """Screenshots into artifacts/reflow/ (REFLOW_SHOTS=before|after names them)."""
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
