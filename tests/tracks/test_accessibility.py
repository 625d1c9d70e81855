"""Accessibility of the programme: the markers of a session (booked LSF and FALC, the room's
hearing loop and step-free access) everywhere the session is shown; organisers warned of
unmet needs; the moderator's attendee list (needs only with consent) and sign-in sheet."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar
from pypdf import PdfReader

from congress.accounts.services import consent_record
from congress.registrations.models import RegistrationStatus
from tests.factories import (
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
from tracks import selectors, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def congress():
    return CongressFactory(slug="congres-2024")


@pytest.fixture
def room(congress):
    venue = VenueFactory(congress=congress)
    return RoomFactory(venue=venue, name="Salle Bercé", step_free=False, hearing_loop=False)


@pytest.fixture
def session(congress, room):
    kind = SessionTypeFactory(congress=congress, slug="atelier", is_workshop=True)
    track = TrackFactory(congress=congress, slug="insertion")
    session = SessionFactory(
        congress=congress, room=room, session_type=kind, track=track, title="Atelier inclusion"
    )
    session.moderators.add(UserFactory(full_name="Marc Modérateur"))
    return session


@pytest.fixture
def organiser(congress):
    user = UserFactory()
    congress.organisers.add(user)
    return user


def attendee(session, full_name, *, organisation=None, consent=None, **needs):
    """A confirmed participant signed up to `session`; `consent`: their accessibility-data
    consent for the edition (None: none recorded)."""
    user = UserFactory(full_name=full_name)
    order = OrderFactory(congress=session.congress, placed_by=user, organisation=organisation)
    registration = RegistrationFactory(order=order, congress=session.congress, user=user, **needs)
    if consent is not None:
        consent_record(
            kind="accessibility_data", given=consent, email=registration.email,
            congress=session.congress, user=user, source="test",
        )  # fmt: skip
    services.signup_create(session=session, user=user)
    return registration


# --- markers ----------------------------------------------------------------------------------


def test_markers_come_from_the_session_and_its_room(session, room):
    assert session.accessibility_markers == []
    room.step_free, room.hearing_loop = True, True
    session.lsf_interpretation, session.easy_read_material = True, True
    assert [m.code for m in session.accessibility_markers] == [
        "lsf", "hearing_loop", "step_free", "easy_read"
    ]  # fmt: skip
    assert [str(m.label) for m in session.accessibility_markers] == [
        "Interprétation en langue des signes (LSF)",
        "Salle équipée d'une boucle magnétique",
        "Salle accessible de plain-pied",
        "Documents en FALC (facile à lire et à comprendre)",
    ]


def accessible(session, room):
    room.step_free, room.hearing_loop = True, True
    room.save()
    session.lsf_interpretation = True
    session.save()


def test_session_page_states_the_markers_in_words(client, session, room):
    body = client.get(session.get_absolute_url()).content.decode()
    assert "La salle n'est pas accessible de plain-pied." in body
    assert "Interprétation en langue des signes" not in body
    accessible(session, room)
    body = client.get(session.get_absolute_url()).content.decode()
    assert '<li class="a11y-lsf">Interprétation en langue des signes (LSF)</li>' in body
    assert '<li class="a11y-hearing_loop">Salle équipée d&#x27;une boucle magnétique</li>' in body
    assert '<li class="a11y-step_free">Salle accessible de plain-pied</li>' in body
    assert "a11y-easy_read" not in body
    assert "pas accessible de plain-pied" not in body


def test_programme_cards_carry_the_markers_as_text(client, congress, session, room):
    accessible(session, room)
    body = client.get(reverse("programme", args=[congress.slug])).content.decode()
    # grid and list: each card has its markers, with a text label (not only an icon)
    assert body.count('<ul class="a11y-markers" aria-label="Accessibilité">') == 2
    assert body.count('<abbr title="Interprétation en langue des signes (LSF)">LSF</abbr>') == 2
    assert body.count('<li class="a11y-marker a11y-hearing_loop">Boucle magnétique</li>') == 2


def test_api_lists_the_markers(client, congress, session, room):
    accessible(session, room)
    session.easy_read_material = True
    session.save()
    response = client.get(f"/api/v1/congresses/{congress.slug}/sessions/")
    assert response.status_code == 200
    assert response.json()[0]["accessibility"] == [
        {"code": "lsf", "label": "Interprétation en langue des signes (LSF)"},
        {"code": "hearing_loop", "label": "Salle équipée d'une boucle magnétique"},
        {"code": "step_free", "label": "Salle accessible de plain-pied"},
        {"code": "easy_read", "label": "Documents en FALC (facile à lire et à comprendre)"},
    ]


def test_ical_description_states_the_markers(client, congress, session, room):
    url = reverse("session_ical", args=[congress.slug, session.pk])
    event = Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]
    assert "DESCRIPTION" not in event
    accessible(session, room)
    event = Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]
    assert plain(str(event["DESCRIPTION"])) == (
        plain(
            "Accessibilité : Interprétation en langue des signes (LSF), Salle équipée d'une "
            "boucle magnétique, Salle accessible de plain-pied."
        )
    )
    session.description = "Un atelier d'échange."
    session.save()
    event = Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]
    assert plain(str(event["DESCRIPTION"])).startswith(
        plain("Un atelier d'échange.\n\nAccessibilité : ")
    )


# --- unmet needs ------------------------------------------------------------------------------


def test_unmet_needs_counts_what_the_room_and_session_lack(session, room):
    attendee(session, "Alice", needs_step_free=True, needs_hearing_loop=True)
    attendee(session, "Bruno", needs_step_free=True, needs_lsf=True, needs_easy_read=True)
    attendee(session, "Chloé")
    gone = attendee(session, "Denis", needs_step_free=True)
    gone.status = RegistrationStatus.CANCELLED
    gone.save()
    assert plain(selectors.unmet_needs(session)) == plain(
        [
            "1 personne inscrite a besoin d'une interprétation en LSF, non prévue pour cette session.",
            "1 personne inscrite a besoin d'une boucle magnétique : la salle « Salle Bercé » n'en a pas.",
            "2 personnes inscrites ont besoin d'un accès de plain-pied : la salle « Salle Bercé » "
            "n'en offre pas.",
            "1 personne inscrite a besoin de documents en FALC, non prévus pour cette session.",
        ]
    )
    accessible(session, room)
    assert selectors.unmet_needs(session) == [
        "1 personne inscrite a besoin de documents en FALC, non prévus pour cette session."
    ]
    session.easy_read_material = True
    assert selectors.unmet_needs(session) == []


def test_unmet_needs_plural_of_the_other_needs(session):
    for name in ("Alice", "Bruno"):
        attendee(session, name, needs_lsf=True, needs_hearing_loop=True, needs_easy_read=True)
    assert plain(selectors.unmet_needs(session)) == plain(
        [
            "2 personnes inscrites ont besoin d'une interprétation en LSF, non prévue pour cette "
            "session.",
            "2 personnes inscrites ont besoin d'une boucle magnétique : la salle « Salle Bercé » "
            "n'en a pas.",
            "2 personnes inscrites ont besoin de documents en FALC, non prévus pour cette session.",
        ]
    )


def test_staff_session_form_warns_and_saving_warns_again(client, congress, session, organiser):
    attendee(session, "Alice", needs_step_free=True)
    client.force_login(organiser)
    url = reverse("session_edit", args=[congress.slug, session.pk])
    page = client.get(url)
    assert plain(page.context["unmet_needs"]) == plain(
        [
            "1 personne inscrite a besoin d'un accès de plain-pied : la salle « Salle Bercé » "
            "n'en offre pas."
        ]
    )
    assert "Besoins d'accessibilité non couverts" in page.content.decode()
    start = session.starts_at.astimezone()
    data = {
        "title": session.title, "session_type": session.session_type_id,
        "track": session.track_id, "room": session.room_id,
        "day": start.date().isoformat(), "start": start.strftime("%H:%M"),
        "end": session.ends_at.astimezone().strftime("%H:%M"), "capacity": 30,
        "lsf_interpretation": "on", "easy_read_material": "on",
    }  # fmt: skip
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    session.refresh_from_db()
    assert (session.lsf_interpretation, session.easy_read_material) == (True, True)
    assert plain([str(m) for m in response.context["messages"]]) == plain(
        [
            "La session est enregistrée.",
            "1 personne inscrite a besoin d'un accès de plain-pied : la salle « Salle Bercé » "
            "n'en offre pas.",
        ]
    )
    step_free = RoomFactory(venue=session.room.venue, name="Salle Loir", step_free=True)
    data.update(room=step_free.pk)
    response = client.post(url, data, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["La session est enregistrée."]
    assert client.get(url).context["unmet_needs"] == []


# --- attendee list and sign-in sheet ----------------------------------------------------------


def test_attendee_sheet_shows_needs_only_with_consent(session):
    org = OrganisationFactory(name="Épicerie solidaire du Maine")
    attendee(session, "Alice Martin", organisation=org, consent=True,
             needs_step_free=True, other_needs="Chien guide")  # fmt: skip
    attendee(session, "Bruno Petit", needs_hearing_loop=True)  # no consent recorded
    withdrawn = attendee(session, "Chloé Roux", consent=True, needs_lsf=True)
    consent_record(kind="accessibility_data", given=False, email=withdrawn.email,
                   congress=session.congress, source="test")  # fmt: skip
    attendee(session, "Denis Blanc", consent=True)
    stranger = UserFactory(full_name="Eve Sans Inscription")
    session.signups.create(user=stranger)
    rows = selectors.session_attendee_sheet(session)
    assert [(r.name, r.organisation, r.needs) for r in rows] == [
        ("Alice Martin", "Épicerie solidaire du Maine", ["accès de plain-pied", "Chien guide"]),
        ("Bruno Petit", "À titre individuel", None),
        ("Chloé Roux", "À titre individuel", None),
        ("Denis Blanc", "À titre individuel", []),
        ("Eve Sans Inscription", "À titre individuel", None),
    ]


def test_attendee_page_shows_organisation_and_consented_needs(client, congress, session):
    org = OrganisationFactory(name="CCAS du Mans")
    attendee(session, "Alice Martin", organisation=org, consent=True, needs_step_free=True)
    attendee(session, "Bruno Petit", needs_hearing_loop=True)
    client.force_login(session.moderators.get())
    body = client.get(reverse("session_attendees", args=[congress.slug, session.pk]))
    html = body.content.decode()
    assert "CCAS du Mans" in html
    assert "<li>accès de plain-pied</li>" in html
    assert "boucle magnétique" not in html  # Bruno did not agree to share it
    assert "Non communiqués" in html
    assert "2 personnes inscrites pour 50 places" in html
    assert reverse("session_sign_in_sheet", args=[congress.slug, session.pk]) in html


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages).replace("\xa0", " ")


def test_sign_in_sheet_is_a_tagged_pdf_without_needs(client, congress, session):
    org = OrganisationFactory(name="CCAS du Mans")
    attendee(session, "Alice Martin", organisation=org, consent=True, needs_step_free=True)
    attendee(session, "Bruno Petit")
    client.force_login(session.moderators.get())
    response = client.get(reverse("session_sign_in_sheet", args=[congress.slug, session.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="emargement-session-{session.pk}.pdf"'
    )
    text = pdf_text(response.content)
    assert "Feuille d'émargement" in text
    assert "Atelier inclusion" in text
    assert "Alice Martin" in text and "CCAS du Mans" in text and "Bruno Petit" in text
    assert "Signature" in text
    assert "plain-pied" not in text  # the sheet goes round the room
    assert "2 personnes inscrites." in text
    reader = PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "fr"
    assert bool(catalog["/MarkInfo"]["/Marked"])


@pytest.mark.parametrize("n", [1, 3])
def test_sign_in_sheet_query_count(client, congress, session, n, django_assert_num_queries):
    for i in range(n):
        attendee(session, f"Personne {i}", organisation=OrganisationFactory(name=f"Org {i}"),
                 consent=True)  # fmt: skip
    client.force_login(session.moderators.get())
    url = reverse("session_sign_in_sheet", args=[congress.slug, session.pk])
    with django_assert_num_queries(9):
        response = client.get(url)
    text = pdf_text(response.content)
    assert [f"Org {i}" in text for i in range(n)] == [True] * n


@pytest.mark.parametrize("n", [1, 3])
def test_attendee_list_with_organisations_query_count(
    client, congress, session, n, django_assert_num_queries
):
    for i in range(n):
        attendee(session, f"Personne {i}", organisation=OrganisationFactory(name=f"Org {i}"),
                 consent=True, needs_lsf=True)  # fmt: skip
    client.force_login(session.moderators.get())
    url = reverse("session_attendees", args=[congress.slug, session.pk])
    with django_assert_num_queries(12):
        response = client.get(url)
    html = response.content.decode()
    assert [f"Org {i}" in html for i in range(n)] == [True] * n
    assert html.count("<li>interprétation en LSF</li>") == n


def test_sign_in_sheet_refused_to_others(client, congress, session):
    client.force_login(UserFactory())
    url = reverse("session_sign_in_sheet", args=[congress.slug, session.pk])
    assert client.get(url).status_code == 403


def test_unmet_needs_ignore_other_sessions(session, congress, room):
    other = SessionFactory(
        congress=congress, room=room, session_type=session.session_type,
        starts_at=session.ends_at, ends_at=session.ends_at + timedelta(hours=1),
    )  # fmt: skip
    attendee(other, "Alice", needs_step_free=True)
    assert selectors.unmet_needs(session) == []


def test_moving_a_scheduled_workshop_warns_of_unmet_needs(client, congress, session, organiser):
    from proposals.models import ProposalState
    from tests.factories import WorkshopProposalFactory

    proposal = WorkshopProposalFactory(
        congress=congress, track=session.track, state=ProposalState.ACCEPTED, session=session
    )
    attendee(session, "Alice", needs_hearing_loop=True)
    client.force_login(organiser)
    other_room = RoomFactory(venue=session.room.venue, name="Salle Loir", hearing_loop=False)
    response = client.post(
        reverse("proposal_schedule", args=[congress.slug, proposal.pk]),
        {"room": other_room.pk, "day": congress.start_date.isoformat(), "start": "14:00",
         "end": "15:30"},
        follow=True,
    )  # fmt: skip
    assert plain([str(m) for m in response.context["messages"]][1:]) == plain(
        [
            "1 personne inscrite a besoin d'une boucle magnétique : la salle « Salle Loir » n'en a pas."
        ]
    )
    session.refresh_from_db()
    assert session.room == other_room


def test_staff_session_list_shows_the_markers(client, congress, session, room, organiser):
    accessible(session, room)
    client.force_login(organiser)
    html = client.get(reverse("staff_sessions", args=[congress.slug])).content.decode()
    assert '<li class="a11y-marker a11y-step_free">Plain-pied</li>' in html
    assert '<abbr title="Interprétation en langue des signes (LSF)">LSF</abbr>' in html
