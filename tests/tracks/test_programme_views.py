from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from icalendar import Calendar

from congress.editions.models import Room
from tests.factories import (
    CongressFactory,
    PolicyProposalFactory,
    RoomFactory,
    SessionFactory,
    SessionTypeFactory,
    TrackFactory,
    TrackRoleFactory,
    UserFactory,
    VenueFactory,
    make_participant,
)
from tests.spaces import plain
from tracks import services
from tracks.models import TrackRoleKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def congress():
    return CongressFactory(slug="congres-2024")


def make_sessions(congress, n, *, signups_for=None):
    venue = VenueFactory(congress=congress)
    kind = SessionTypeFactory(congress=congress, slug="atelier")
    track = TrackFactory(congress=congress, slug="insertion")
    sessions = []
    for i in range(n):
        room = RoomFactory(venue=venue, name=f"Salle {i}", order=i)
        session = SessionFactory(
            congress=congress, room=room, session_type=kind, track=track, title=f"Atelier {i}",
            speakers="Nadia Martin, directrice\nJean Dubois",
        )  # fmt: skip
        moderator = UserFactory()
        session.moderators.add(moderator)
        if signups_for is not None:
            session.starts_at += timedelta(hours=2 * i)
            session.ends_at += timedelta(hours=2 * i)
            session.save()
            services.signup_create(session=session, user=signups_for)
        sessions.append(session)
    return sessions


@pytest.mark.parametrize("n", [1, 3])
def test_programme_page_query_count(client, congress, n, django_assert_num_queries):
    make_sessions(congress, n)
    url = reverse("programme", args=[congress.slug])
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="session-card') == 2 * n  # grid + list


def test_programme_filters_by_track_and_type(client, congress):
    make_sessions(congress, 2)
    SessionFactory(congress=congress, title="Ouverture", room=Room.objects.first(),
                   starts_at=Room.objects.first().sessions.first().ends_at,
                   ends_at=Room.objects.first().sessions.first().ends_at + timedelta(hours=1))  # fmt: skip
    url = reverse("programme", args=[congress.slug])
    body = client.get(url, {"track": "insertion", "type": "atelier"}).content.decode()
    assert ("Atelier 0" in body, "Atelier 1" in body, "Ouverture" in body) == (True, True, False)


def test_session_page_shows_speakers_and_seats(client, congress):
    session = make_sessions(congress, 1)[0]
    body = client.get(session.get_absolute_url()).content.decode()
    assert "Nadia Martin, directrice" in body
    assert "50 places libres sur 50" in body


def test_ical_feeds(client, congress):
    sessions = make_sessions(congress, 2)
    for url, count in [
        (reverse("programme_ical", args=[congress.slug]), 2),
        (reverse("track_ical", args=[congress.slug, "insertion"]), 2),
        (reverse("session_ical", args=[congress.slug, sessions[0].pk]), 1),
    ]:
        response = client.get(url)
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        events = Calendar.from_ical(response.content).walk("VEVENT")
        assert len(events) == count
    assert str(events[0]["SUMMARY"]) == "Atelier 0"


def test_personal_ical_needs_the_right_token(client, congress):
    user = UserFactory()
    make_participant(user, congress)
    make_sessions(congress, 2, signups_for=user)
    token = services.calendar_token(user, congress)
    good = client.get(reverse("my_programme_ical", args=[congress.slug, user.pk, token]))
    assert len(Calendar.from_ical(good.content).walk("VEVENT")) == 2
    other = UserFactory()
    bad = client.get(reverse("my_programme_ical", args=[congress.slug, other.pk, token]))
    assert bad.status_code == 404


@pytest.mark.parametrize("n", [1, 3])
def test_my_programme_query_count(client, congress, n, django_assert_num_queries):
    user = UserFactory()
    make_participant(user, congress)
    make_sessions(congress, n, signups_for=user)
    client.force_login(user)
    plenary_type = SessionTypeFactory(congress=congress, slug="pleniere", is_workshop=False)
    room = Room.objects.first()
    plenaries = [
        SessionFactory(
            congress=congress,
            session_type=plenary_type,
            room=room,
            title=f"Plénière {i}",
            starts_at=room.sessions.first().starts_at - timedelta(hours=2 * (i + 1)),
            ends_at=room.sessions.first().starts_at - timedelta(hours=2 * i + 1),
        )  # fmt: skip
        for i in range(n)
    ]
    with django_assert_num_queries(12):  # + the sessions open to all, + open surveys (3)
        response = client.get(reverse("my_programme", args=[congress.slug]))
    assert len(response.context["signups"]) == n
    titles = [e.session.title for e in response.context["entries"]]
    assert titles == [p.title for p in reversed(plenaries)] + [f"Atelier {i}" for i in range(n)]
    body = response.content.decode()
    assert body.count("Ouverte à tous, sans inscription") == n


def test_signup_and_cancel_through_the_pages(client, congress):
    user = UserFactory()
    make_participant(user, congress)
    session = make_sessions(congress, 1)[0]
    client.force_login(user)
    client.post(reverse("signup_create", args=[congress.slug, session.pk]))
    assert list(session.signups.values_list("user", flat=True)) == [user.pk]
    client.post(reverse("signup_cancel", args=[congress.slug, session.pk]))
    assert session.signups.count() == 0


@pytest.mark.parametrize("n", [1, 3])
def test_attendee_list_query_count(client, congress, n, django_assert_num_queries):
    session = make_sessions(congress, 1)[0]
    for _ in range(n):
        user = UserFactory()
        make_participant(user, congress)
        services.signup_create(session=session, user=user)
    client.force_login(session.moderators.get())
    # + the registrations (organisation, needs) and the accessibility-data consents
    with django_assert_num_queries(12):
        response = client.get(reverse("session_attendees", args=[congress.slug, session.pk]))
    assert len(response.context["attendees"]) == n


def test_attendee_list_hidden_from_others(client, congress):
    session = make_sessions(congress, 1)[0]
    client.force_login(UserFactory())
    response = client.get(reverse("session_attendees", args=[congress.slug, session.pk]))
    assert response.status_code == 403


@pytest.fixture
def organiser(congress):
    user = UserFactory()
    congress.organisers.add(user)
    return user


@pytest.mark.parametrize("n", [1, 3])
def test_staff_sessions_query_count(client, congress, organiser, n, django_assert_num_queries):
    make_sessions(congress, n)
    client.force_login(organiser)
    with django_assert_num_queries(7):
        response = client.get(reverse("staff_sessions", args=[congress.slug]))
    assert len(response.context["sessions"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_track_roles_query_count(client, congress, organiser, n, django_assert_num_queries):
    track = TrackFactory(congress=congress)
    for _ in range(n):
        TrackRoleFactory(track=track)
    client.force_login(organiser)
    with django_assert_num_queries(8):
        response = client.get(reverse("track_roles", args=[congress.slug]))
    assert len(response.context["roles"]) == n


def test_track_roles_add_and_remove(client, congress, organiser):
    track = TrackFactory(congress=congress)
    person = UserFactory(email="remi@example.org")
    client.force_login(organiser)
    url = reverse("track_roles", args=[congress.slug])
    client.post(url, {"track": track.pk, "role": "reviewer", "email": "REMI@example.org"})
    role = person.track_roles.get()
    assert (role.track, role.role) == (track, TrackRoleKind.REVIEWER)
    client.post(url, {"remove": role.pk})
    assert person.track_roles.count() == 0


def test_session_form_shows_the_room_conflict(client, congress, organiser):
    session = make_sessions(congress, 1)[0]
    client.force_login(organiser)
    response = client.post(
        reverse("session_create", args=[congress.slug]),
        {"title": "Ouverture", "session_type": session.session_type_id, "room": session.room_id,
         "day": congress.start_date.isoformat(), "start": "10:30", "end": "11:00"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "est déjà occupée de 10:00 à 11:30" in response.content.decode()


@pytest.mark.parametrize("n", [1, 3])
def test_api_sessions_query_count(client, congress, n, django_assert_num_queries):
    make_sessions(congress, n)
    with django_assert_num_queries(2):
        response = client.get(f"/api/v1/congresses/{congress.slug}/sessions/")
    assert len(response.json()) == n
    assert response.json()[0]["speakers"] == ["Nadia Martin, directrice", "Jean Dubois"]


@pytest.mark.parametrize("n", [1, 3])
def test_api_signups_query_count(client, congress, n, django_assert_num_queries):
    user = UserFactory()
    make_participant(user, congress)
    make_sessions(congress, n, signups_for=user)
    client.force_login(user)
    with django_assert_num_queries(4):
        response = client.get(f"/api/v1/congresses/{congress.slug}/workshop-signups/")
    assert len(response.json()) == n


def test_api_signup_create_refuses_when_full(client, congress):
    session = make_sessions(congress, 1)[0]
    session.capacity = 1
    session.save()
    first, second = UserFactory(), UserFactory()
    for user in (first, second):
        make_participant(user, congress)
    url = f"/api/v1/congresses/{congress.slug}/workshop-signups/"
    client.force_login(first)
    assert (
        client.post(url, {"session": session.pk}, content_type="application/json").status_code
        == 201
    )
    client.force_login(second)
    response = client.post(url, {"session": session.pk}, content_type="application/json")
    assert (response.status_code, response.json()) == (
        400,
        {"detail": ["Cet atelier est complet."]},
    )


@pytest.mark.parametrize("n", [1, 3])
def test_track_page_query_count(client, congress, n, django_assert_num_queries):
    congress.start_date = timezone.localdate() - timedelta(days=10)
    congress.end_date = timezone.localdate() - timedelta(days=9)
    congress.save()
    sessions = make_sessions(congress, n)  # track "insertion", one moderator each
    track = sessions[0].track
    for session in sessions:
        TrackRoleFactory(track=track, user=session.moderators.get(), role="moderator")
    proposals = [
        PolicyProposalFactory(congress=congress, track=track, title=f"Proposition n° {i}")
        for i in range(n)
    ]
    PolicyProposalFactory(congress=congress, track=track, title="Brouillon", status="draft")
    others = [TrackFactory(congress=congress, name=f"Autre thème n° {i}") for i in range(n)]
    # congress, track + sessions + moderators, proposals (+ their lists), other tracks
    with django_assert_num_queries(9):
        response = client.get(reverse("track_detail", args=[congress.slug, "insertion"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert [t.name for t in others if t.name not in body] == []  # the other tracks, listed
    assert [s.title for s in sessions if s.title not in body] == []
    assert plain("· Salle : Salle 0 ·") in plain(body)
    moderators = [s.moderators.get().full_name for s in sessions]
    assert [name for name in moderators if escape(name) not in body] == []
    assert [p.title for p in proposals if p.title not in body] == []
    assert "Brouillon" not in body


def test_track_page_keeps_proposals_for_after_the_congress(client, congress):
    track = TrackFactory(congress=congress, slug="insertion")
    congress.end_date = timezone.localdate() + timedelta(days=30)
    congress.start_date = congress.end_date
    congress.save()
    PolicyProposalFactory(congress=congress, track=track, title="Proposition validée")
    response = client.get(reverse("track_detail", args=[congress.slug, "insertion"]))
    body = response.content.decode()
    assert response.context["proposals"] is None
    assert "Proposition validée" not in body
    assert "Le programme de ce thème n’est pas encore publié." in body
    assert client.get(reverse("track_detail", args=[congress.slug, "nope"])).status_code == 404


@pytest.mark.parametrize("n", [1, 3])
def test_edition_page_query_count(client, congress, n, django_assert_num_queries):
    tracks = [TrackFactory(congress=congress, name=f"Thème n° {i}") for i in range(n)]
    # the factory's edition is upcoming: no results section, its registration phase is computed;
    # one query for its calls for projects, one for its partners
    with django_assert_num_queries(8):
        response = client.get(reverse("congress_detail", args=[congress.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert [t.name for t in tracks if t.name not in body] == []


@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize("feed", ["programme_ical", "track_ical", "my_programme_ical"])
def test_ical_feed_query_count(client, congress, n, feed, django_assert_num_queries):
    user = UserFactory()
    make_participant(user, congress)
    sessions = make_sessions(congress, n, signups_for=user)
    args = {
        "programme_ical": [congress.slug],
        "track_ical": [congress.slug, "insertion"],
        "my_programme_ical": [congress.slug, user.pk, services.calendar_token(user, congress)],
    }[feed]
    # the feed (+ the track / the person and their token check)
    # my programme: + the sessions open to all
    queries = {"programme_ical": 2, "track_ical": 3, "my_programme_ical": 5}[feed]
    with django_assert_num_queries(queries):
        response = client.get(reverse(feed, args=args))
    assert response.status_code == 200
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == sorted(s.title for s in sessions)


def test_mobile_programme_keeps_each_room_inside_its_session_card(client, congress):
    make_sessions(congress, 2)
    body = client.get(reverse("programme", args=[congress.slug])).content.decode()
    mobile = body[body.index('class="programme-list') :]
    for i in range(2):
        card = mobile[mobile.index(f">Atelier {i}</a>") :]
        card = card[: card.index("</div>\n</div>") + len("</div>\n</div>")]
        # the room is the card's last line, before the card closes and before the next item
        assert plain(card).endswith(
            plain(f'<div class="small session-room">Salle : Salle {i}</div>\n</div>')
        )
        assert f"Salle {1 - i}<" not in card


def test_my_programme_offers_the_calendar_as_webcal_and_download(client, congress):
    user = UserFactory()
    make_participant(user, congress)
    client.force_login(user)
    body = client.get(reverse("my_programme", args=[congress.slug])).content.decode()
    token = services.calendar_token(user, congress)
    path = reverse("my_programme_ical", args=[congress.slug, user.pk, token])
    assert f'href="webcal://testserver{path}">S\'abonner dans mon agenda</a>' in body
    assert f'href="http://testserver{path}" download="mon-programme.ics">' in body


def test_personal_ical_includes_sessions_open_to_all_once(client, congress):
    user = UserFactory()
    make_participant(user, congress)
    workshop = make_sessions(congress, 1, signups_for=user)[0]
    plenary = SessionFactory(
        congress=congress, room=workshop.room, title="Ouverture",
        session_type=SessionTypeFactory(congress=congress, slug="pleniere", is_workshop=False),
        starts_at=workshop.starts_at - timedelta(hours=2),
        ends_at=workshop.starts_at - timedelta(hours=1),
    )  # fmt: skip
    plenary.moderators.add(user)  # moderated and open to all: listed once
    token = services.calendar_token(user, congress)
    response = client.get(reverse("my_programme_ical", args=[congress.slug, user.pk, token]))
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Ouverture", "Atelier 0"]


@pytest.mark.parametrize("n", [1, 3])
def test_staff_session_grid_query_count(client, congress, organiser, n, django_assert_num_queries):
    sessions = make_sessions(congress, n)
    client.force_login(organiser)
    url = reverse("staff_session_grid", args=[congress.slug])
    with django_assert_num_queries(8):
        response = client.get(url)
    html = response.content.decode()
    for session in sessions:
        assert escape(session.title) in html
        assert reverse("session_edit", args=[congress.slug, session.pk]) in html
    [day] = response.context["days"]
    assert [room.name for room in day.rooms] == [f"Salle {i}" for i in range(n)]


def test_staff_session_grid_shows_empty_rooms_and_overlaps_in_place(client, congress, organiser):
    first, second = make_sessions(congress, 2)
    empty = RoomFactory(venue=first.room.venue, name="Salle vide", order=9)
    # The second session moves into the first one's room, starting before it ends.
    second.room = first.room
    second.starts_at = first.starts_at + (first.ends_at - first.starts_at) / 2
    second.ends_at = first.ends_at + timedelta(hours=1)
    second.save()
    client.force_login(organiser)
    response = client.get(reverse("staff_session_grid", args=[congress.slug]))
    [day] = response.context["days"]
    assert empty in day.rooms
    flagged = {s.title for row in day.rows for cell in row.cells for s in cell if s.overlaps}
    assert flagged == {first.title, second.title}
    html = response.content.decode()
    assert plain(html).count("Conflit : chevauche une autre session de cette salle.") == 2
    assert "Salle vide" in html


def test_staff_session_grid_without_overlap_flags_nothing(client, congress, organiser):
    make_sessions(congress, 2)
    client.force_login(organiser)
    response = client.get(reverse("staff_session_grid", args=[congress.slug]))
    assert "Conflit" not in response.content.decode()
