"""Issue 14: the organiser places and moves accepted workshops in the room × time grid, with the
keyboard only (the form under each workshop), sees a conflict refused in place (error summary
focused, message on the workshop), then moves a workshop by drag and drop. axe on each step."""

import pytest
from django.utils import timezone

from proposals.models import ProposalState, WorkshopProposal
from tests.e2e.conftest import log_in
from tests.e2e.test_organiser_board_journeys import NO_SIDEWAYS_SCROLL
from tests.factories import TEST_PASSWORD, RoomFactory, WorkshopProposalFactory
from tests.reports.conftest import make_edition

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


def _submit_expecting_400(web, button):
    """A refused move answers 400 (the grid with the error): expected, not a fault."""
    web._in_go = True
    try:
        with web.page.expect_navigation():
            button.press("Enter")
    finally:
        web._in_go = False


def test_organiser_places_moves_and_is_refused_a_conflict_with_keyboard_and_mouse(web, edition):
    congress = edition.congress
    first, second = sorted(edition.workshops, key=lambda s: s.starts_at)
    loire = RoomFactory(venue=first.room.venue, name="Salle Loire", capacity=90, order=5)
    new = WorkshopProposalFactory(
        congress=congress, track=edition.tracks[0], state=ProposalState.ACCEPTED,
        title="Maraudes et accès aux droits",
    )  # fmt: skip
    log_in(web, edition.organiser.email, TEST_PASSWORD)
    page = web.page
    web.go(f"/congresses/{congress.slug}/staff/schedule/")
    link = page.get_by_role(
        "link", name="Placer les ateliers dans la grille (glisser-déposer ou formulaire)"
    )
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/schedule/grid/")
    web.axe(context="workshop grid (1280 px)")
    web.screenshot("issue14-schedule-grid-editing-1280")

    # Keyboard: open « Déplacer » under the new workshop, choose 14:00 in Salle Loire, « Placer ».
    card = page.locator(f"#workshop-{new.pk}")
    card.locator("summary").focus()
    page.keyboard.press("Enter")
    day = congress.start_date.isoformat()
    card.get_by_label("Début").select_option(f"{day}T14:00")
    card.get_by_label("Salle").select_option(str(loire.pk))
    card.get_by_role("button", name="Placer « Maraudes et accès aux droits »").press("Enter")
    page.wait_for_url(f"**/staff/schedule/grid/#workshop-{new.pk}")
    assert page.get_by_text("« Maraudes et accès aux droits » est placé").count() == 1
    cell = page.locator(f'td[data-drop-room="{loire.pk}"][data-drop-slot="{day}T14:00"]')
    assert cell.locator(f"#workshop-{new.pk}").count() == 1
    web.axe(context="workshop placed")

    # A conflict: the same workshop onto the first workshop's room and hour is refused in place.
    card = page.locator(f"#workshop-{new.pk}")
    card.locator("summary").focus()
    page.keyboard.press("Enter")
    start = timezone.localtime(first.starts_at).strftime("%Y-%m-%dT%H:%M")
    card.get_by_label("Début").select_option(start)
    card.get_by_label("Salle").select_option(str(first.room_id))
    _submit_expecting_400(
        web, card.get_by_role("button", name="Placer « Maraudes et accès aux droits »")
    )
    page.wait_for_function("() => document.activeElement.matches('[data-error-summary]')")
    card = page.locator(f"#workshop-{new.pk}")
    assert "est déjà occupée" in card.inner_text()
    assert page.locator("[data-error-summary]").inner_text().count("est déjà occupée") == 1
    web.axe(context="conflict refused")
    web.screenshot("issue14-schedule-grid-conflict")
    web.go(f"/congresses/{congress.slug}/staff/schedule/grid/")

    # Mouse: drag the second workshop onto its own room at 14:00 (the row of the new one).
    moved = WorkshopProposal.objects.get(session=second)
    target = page.locator(f'td[data-drop-room="{first.room_id}"][data-drop-slot="{day}T14:00"]')
    with page.expect_navigation():
        page.locator(f"#workshop-{moved.pk} > span.fw-bold").drag_to(target)
    page.wait_for_url("**/staff/schedule/grid/#workshop-*")
    second.refresh_from_db()
    assert timezone.localtime(second.starts_at).strftime("%H:%M") == "14:00"
    web.axe(context="workshop dragged")

    # On a phone the page never scrolls sideways: each day's grid scrolls in its own region.
    page.set_viewport_size({"width": 375, "height": 740})
    assert page.evaluate(NO_SIDEWAYS_SCROLL), "the workshop grid scrolls sideways at 375 px"
    web.axe(context="workshop grid (375 px)")
    web.screenshot("issue14-schedule-grid-editing-375")
