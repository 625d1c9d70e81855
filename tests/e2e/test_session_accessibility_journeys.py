"""Accessibility of the programme in the browser: a visitor reads a session's accessibility
markers (in words), the moderator reads the attendee list with the needs people agreed to
share and downloads the sign-in sheet, the organiser is warned of an unmet need. Axe on each
page, at 375 and 1280 px."""

from pathlib import Path

import pytest

from congress.accounts.services import consent_record
from tests.e2e.conftest import ARTIFACTS, log_in
from tests.factories import (
    TEST_PASSWORD,
    CongressFactory,
    OrderFactory,
    OrganisationFactory,
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    SessionTypeFactory,
    TrackFactory,
    UserFactory,
    VenueFactory,
)
from tests.spaces import plain
from tracks import services

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def workshop():
    congress = CongressFactory(is_current=True, name="2e Congrès national des Solidarités")
    track = TrackFactory(congress=congress, name="Le handicap-inclusion", slug="handicap")
    kind = SessionTypeFactory(congress=congress, name="Atelier d'échange", is_workshop=True)
    room = RoomFactory(
        venue=VenueFactory(congress=congress), name="Salle Bercé", step_free=False,
        hearing_loop=True, accessibility_notes="Salle à l'étage, accès par l'escalier B.",
    )  # fmt: skip
    session = SessionFactory(
        congress=congress, track=track, session_type=kind, room=room,
        title="Rendre l'information accessible à tous", lsf_interpretation=True,
    )  # fmt: skip
    moderator = UserFactory(email="amina@anim.fr", full_name="Amina Animatrice")
    session.moderators.add(moderator)
    organiser = UserFactory(email="claire@orga.fr", full_name="Claire Organisatrice")
    congress.organisers.add(organiser)
    people = [
        ("Alice Martin", "Épicerie solidaire du Maine", True, {"needs_step_free": True}),
        ("Bruno Petit", "CCAS du Mans", None, {"needs_hearing_loop": True}),
        ("Chloé Roux", None, True, {}),
    ]
    for name, org_name, consent, needs in people:
        user = UserFactory(full_name=name)
        organisation = OrganisationFactory(name=org_name) if org_name else None
        order = OrderFactory(congress=congress, placed_by=user, organisation=organisation)
        registration = RegistrationFactory(order=order, congress=congress, user=user, **needs)
        if consent is not None:
            consent_record(kind="accessibility_data", given=consent, email=registration.email,
                           congress=congress, user=user, source="test")  # fmt: skip
        services.signup_create(session=session, user=user)
    return session


def no_horizontal_scroll(web):
    return web.page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_session_markers_attendee_list_and_sign_in_sheet(new_browser, workshop):
    session = workshop
    visitor = new_browser()
    visitor.go(session.get_absolute_url())
    access = visitor.page.locator("dd.session-accessibility")
    assert access.locator("li").all_inner_texts() == [
        "Interprétation en langue des signes (LSF)",
        "Salle équipée d'une boucle magnétique",
    ]
    assert "La salle n'est pas accessible de plain-pied." in access.inner_text()
    assert "escalier B" in access.inner_text()
    visitor.axe(context="session page")
    visitor.screenshot("session-accessibility-1280")
    visitor.page.set_viewport_size({"width": 375, "height": 800})
    visitor.go(session.get_absolute_url())
    assert no_horizontal_scroll(visitor)
    visitor.axe(context="session page at 375 px")
    visitor.screenshot("session-accessibility-375")
    # The programme's cards carry the markers as text.
    visitor.go(f"/congresses/{session.congress.slug}/programme/")
    card = visitor.page.locator(".programme-list .session-card").first
    assert card.locator(".a11y-marker").all_inner_texts() == ["LSF", "Boucle magnétique"]
    visitor.axe(context="programme at 375 px")

    moderator = new_browser()
    log_in(moderator, "amina@anim.fr", TEST_PASSWORD)
    moderator.go(session.get_absolute_url())
    moderator.page.get_by_role("link", name="Liste des inscrits").click()
    moderator.page.wait_for_url("**/attendees/")
    rows = moderator.page.locator("table.attendee-list tbody tr")
    assert rows.count() == 3
    texts = rows.all_inner_texts()
    assert "Épicerie solidaire du Maine" in texts[0] and "accès de plain-pied" in texts[0]
    assert "CCAS du Mans" in texts[1] and "Non communiqués" in texts[1]
    assert "boucle" not in texts[1]  # Bruno did not agree to share his needs
    assert "À titre individuel" in texts[2] and "Aucun" in texts[2]
    moderator.axe(context="attendee list")
    moderator.screenshot("attendee-list-1280")
    with moderator.page.expect_download() as download:
        moderator.page.get_by_role("link", name="Feuille d'émargement (PDF à imprimer)").click()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = Path(ARTIFACTS / "sign-in-sheet.pdf")
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    moderator.page.set_viewport_size({"width": 375, "height": 800})
    moderator.go(f"/congresses/{session.congress.slug}/programme/sessions/{session.pk}/attendees/")
    assert no_horizontal_scroll(moderator)
    moderator.axe(context="attendee list at 375 px")
    moderator.screenshot("attendee-list-375")

    organiser = new_browser()
    log_in(organiser, "claire@orga.fr", TEST_PASSWORD)
    organiser.go(f"/congresses/{session.congress.slug}/staff/sessions/{session.pk}/")
    warning = organiser.page.locator(".alert-warning")
    assert plain(warning.locator("li").all_inner_texts()) == plain(
        [
            "1 personne inscrite a besoin d'un accès de plain-pied : la salle « Salle Bercé » "
            "n'en offre pas."
        ]
    )
    organiser.axe(context="staff session form with a warning")
    organiser.screenshot("session-form-unmet-needs-1280")
