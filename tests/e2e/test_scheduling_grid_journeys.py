"""Issue 14: the organisers' room × time grid of the programme. At 1280 px and at 320 px the page
never scrolls sideways: each day's grid scrolls inside its own region, named by its caption and
reachable with the keyboard; a session's link opens its form."""

import re

import pytest

from tests.e2e.conftest import log_in
from tests.e2e.test_organiser_board_journeys import NO_SIDEWAYS_SCROLL
from tests.factories import TEST_PASSWORD, RoomFactory, SessionFactory
from tests.reports.conftest import make_edition
from tests.spaces import plain

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def edition():
    edition = make_edition(workshops=2)
    congress = edition.congress
    congress.is_current = True
    congress.status = "published"
    congress.save()
    edition.organiser.set_password(TEST_PASSWORD)
    edition.organiser.save()
    return edition


def test_organiser_reads_the_grid_and_opens_a_session_at_320_px(web, edition):
    congress = edition.congress
    first = congress.sessions.filter(session_type__is_workshop=True).order_by("starts_at").first()
    venue = first.room.venue
    for n in range(4):  # enough rooms for the grid to be wider than a phone
        RoomFactory(venue=venue, name=f"Salle annexe {n + 1}", order=10 + n)
    # A plenary overlapping the first workshop in its room: a conflict shown in place.
    SessionFactory(congress=congress, room=first.room, title="Plénière de clôture",
                   starts_at=first.starts_at, ends_at=first.ends_at)  # fmt: skip
    log_in(web, edition.organiser.email, TEST_PASSWORD)
    page = web.page
    web.go(f"/congresses/{congress.slug}/staff/sessions/")
    page.get_by_role("link", name="Voir la grille salles × horaires").click()
    page.wait_for_url("**/staff/sessions/grid/")
    assert plain(page.get_by_role("heading", level=1).inner_text()) == (
        plain("Grille du programme : salles et horaires")
    )
    assert page.get_by_text("Conflit : chevauche une autre session de cette salle.").count() == 2
    web.axe(context="grid (1280 px)")
    web.screenshot("issue14-scheduling-grid-1280")

    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate(NO_SIDEWAYS_SCROLL), "the grid page scrolls sideways at 320 px"
    region = page.get_by_role("region", name=re.compile(r"^Grille du "))
    assert region.count() >= 1
    first_region = region.first
    # The grid is wider than the screen: it scrolls in its own region, focusable by keyboard.
    assert first_region.evaluate("r => r.scrollWidth > r.clientWidth")
    first_region.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.activeElement.scrollLeft > 0")
    web.axe(context="grid (320 px)")
    web.screenshot("issue14-scheduling-grid-320")
    first_region.get_by_role("link", name=first.title).first.click()
    page.wait_for_url(f"**/staff/sessions/{first.pk}/")
    web.axe(context="session form from the grid")
