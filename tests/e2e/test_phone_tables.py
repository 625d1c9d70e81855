"""Phones (issue 14): under 576 px the tables whose last column is what the person acts on
(« Action », « Statut », « Ma relecture », « Compte rendu », « Suite donnée ») become stacked
cards (`table-stack`, each cell labelled by its column header): that column is on the screen
without scrolling sideways, the table keeps its semantics, axe finds nothing.
Screenshots: artifacts/phone-tables/."""

import pytest
from django.urls import reverse

from congress.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD
from congress.editions.models import Congress
from congress.registrations.models import Order
from tests.e2e.conftest import ROOT, log_in

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = ROOT / "artifacts" / "phone-tables"
PHONE = {"width": 375, "height": 740}
PAST = "congres-solidarites-2024"


def pages() -> list[tuple[str, str, str, str]]:
    """(name, account, path, the column to reach) of each page, seen by the role that uses it."""
    past = Congress.objects.get(slug=PAST)
    current = Congress.objects.current()
    asso = f"asso@{DEMO_DOMAIN}"
    order = Order.objects.filter(congress=past, placed_by__email=asso).earliest("pk")
    return [
        ("my-programme", f"participant@{DEMO_DOMAIN}", reverse("my_programme", args=[PAST]),
         "Action"),
        ("order", asso, reverse("order_detail", args=[PAST, order.pk]), "Statut"),
        ("reviews", f"relecteur@{DEMO_DOMAIN}", reverse("review_list", args=[current.slug]),
         "Ma relecture"),
        ("outcomes", f"animateur@{DEMO_DOMAIN}", reverse("outcome_workshop_list", args=[PAST]),
         "Compte rendu"),
        ("funder-meetings", f"financeur@{DEMO_DOMAIN}",
         reverse("funding_my_meetings", args=[PAST]), "Suite donnée"),
    ]  # fmt: skip


CELLS = """(label) => [...document.querySelectorAll('main table.table-stack [data-label]')]
    .filter((cell) => cell.dataset.label === label)
    .map((cell) => { const box = cell.getBoundingClientRect();
                     return [Math.round(box.left), Math.round(box.right), box.height > 0]; })"""
# The header row stays in the table for screen readers, only hidden visually (1 px, clipped).
HEADER_SIZES = """() => { const head = document.querySelector('main table.table-stack > thead');
    const box = head.getBoundingClientRect();
    return head.querySelectorAll('th[scope=col]').length ? [Math.ceil(box.width), Math.ceil(box.height)] : []; }"""
SIDEWAYS = """() => Math.max(document.documentElement.scrollWidth - window.innerWidth,
    ...[...document.querySelectorAll('.table-region')].map((r) => r.scrollWidth - r.clientWidth))"""


def test_the_column_to_act_on_is_on_a_phone_screen_without_scrolling(seeded_demo, new_browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, email, path, column in pages():
        web = new_browser()
        web.page.set_viewport_size(PHONE)
        log_in(web, email, DEMO_PASSWORD)
        web.go(path)
        web.page.screenshot(path=str(SHOTS / f"{name}-375.png"), full_page=True)
        cells = web.page.evaluate(CELLS, column)
        assert cells, f"{name}: no « {column} » cell"
        assert [c for c in cells if not (0 <= c[0] and c[1] <= PHONE["width"] and c[2])] == []
        assert web.page.evaluate(SIDEWAYS) <= 0, name
        # The header row is still there for screen readers (only hidden visually).
        assert web.page.evaluate(HEADER_SIZES) == [1, 1]
        web.axe(context=f"{name} at 375 px")
        web.context.close()
