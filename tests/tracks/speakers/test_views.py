"""Speakers' pages (issue 15): the public page and the organisers' list (query counts), the
session page, the photo (private until consented and confirmed), the speaker's own form."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CongressFactory, SessionFactory, UserFactory
from tests.tracks.speakers.conftest import png
from tracks.speakers.models import SpeakerProfile

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_root")]


def speaker(edition, name, *, confirmed=True, sessions=(), **fields):
    profile = SpeakerProfile.objects.create(
        congress=edition, name=name, confirmed_at=timezone.now() if confirmed else None, **fields
    )
    profile.sessions.set(sessions)
    return profile


@pytest.mark.parametrize("n", [1, 3])
def test_speaker_list_query_count(client, edition, n, django_assert_num_queries):
    for i in range(n):
        speaker(edition, f"Intervenante {i}", function="Directrice",
                sessions=[SessionFactory(congress=edition, title=f"Plénière {i}")])  # fmt: skip
    speaker(edition, "Pas Confirmée", confirmed=False)
    with django_assert_num_queries(5):  # + the feature switch
        response = client.get(reverse("speaker_list", args=[edition.slug]))
    html = response.content.decode()
    for i in range(n):
        assert f"Intervenante {i}" in html and f"Plénière {i}" in html
    assert "Pas Confirmée" not in html


@pytest.mark.parametrize("n", [1, 3])
def test_staff_speakers_query_count(client, edition, n, django_assert_num_queries):
    organiser = UserFactory()
    edition.organisers.add(organiser)
    client.force_login(organiser)
    session = SessionFactory(congress=edition, title="Table ronde")
    for i in range(n):
        speaker(edition, f"Intervenant {i}", confirmed=i % 2 == 0, sessions=[session],
                user=UserFactory())  # fmt: skip
    url = reverse("staff_speakers", args=[edition.slug])
    client.get(url)
    with django_assert_num_queries(10):  # + the feature switch
        response = client.get(url)
    html = response.content.decode()
    for i in range(n):
        assert f"Intervenant {i}" in html
    assert html.count("Table ronde") == n + 1  # each profile's line and the form's choice


def test_session_page_shows_its_confirmed_speakers_and_a_photo_only_when_consented(client, edition):
    session = SessionFactory(
        congress=edition, speakers="Zoé Martin, Directrice, CCAS\nPas Confirmée\nÀ la main"
    )
    shown = speaker(edition, "Zoé Martin", function="Directrice", bio="Trente ans de CCAS.",
                    sessions=[session], photo=png(), photo_consent_at=timezone.now())  # fmt: skip
    speaker(edition, "Sans Accord", sessions=[session], photo=png())
    speaker(edition, "Pas Confirmée", confirmed=False, sessions=[session])
    html = client.get(reverse("session_detail", args=[edition.slug, session.pk])).content.decode()
    assert "Zoé Martin" in html and "Trente ans de CCAS." in html and "Sans Accord" in html
    assert html.count("Zoé Martin") == 1  # its profile, not its programme line again
    assert "<li>Pas Confirmée</li>" in html and "<li>À la main</li>" in html  # lines without one
    assert html.count("/photo/") == 1
    assert reverse("speaker_photo", args=[edition.slug, shown.pk]) in html


def test_a_photo_is_served_as_an_image_once_public_and_never_before(client, edition):
    owner = UserFactory()
    profile = speaker(edition, "Zoé", confirmed=False, user=owner, photo=png())
    url = reverse("speaker_photo", args=[edition.slug, profile.pk])
    assert client.get(url).status_code == 404
    client.force_login(owner)
    assert client.get(url)["Cache-Control"] == "private"
    client.logout()
    SpeakerProfile.objects.filter(pk=profile.pk).update(
        confirmed_at=timezone.now(), photo_consent_at=timezone.now()
    )
    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")
    assert (response["X-Content-Type-Options"], response["Content-Security-Policy"]) == (
        "nosniff", "sandbox"
    )  # fmt: skip
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert (
        client.get(reverse("speaker_photo", args=[CongressFactory().slug, profile.pk])).status_code
        == 404
    )


def test_only_the_speaker_edits_and_a_bad_photo_changes_nothing(client, edition):
    owner = UserFactory()
    profile = speaker(edition, "Zoé", user=owner)
    url = reverse("speaker_edit", args=[edition.slug, profile.pk])
    client.force_login(UserFactory())
    assert client.post(url, {"name": "Piraté"}).status_code == 403
    client.force_login(owner)
    response = client.post(url, {"name": "Zoé M.", "photo": open(__file__, "rb")})
    assert response.status_code == 400
    assert "PNG ou JPEG" in response.content.decode()
    profile.refresh_from_db()
    assert (profile.name, bool(profile.photo)) == ("Zoé", False)
    response = client.post(
        url, {"name": "Zoé M.", "bio": "Bio", "photo": png(), "photo_consent": "on"}
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.name, profile.bio, profile.photo_consent_at is not None) == (
        "Zoé M.",
        "Bio",
        True,
    )


def test_organisers_add_import_and_confirm(client, edition):
    organiser = UserFactory()
    edition.organisers.add(organiser)
    client.force_login(organiser)
    SessionFactory(congress=edition, speakers="Paul Roux, Maire adjoint, Ville de Paris")
    response = client.post(reverse("staff_speakers", args=[edition.slug]), {"name": ""})
    assert response.status_code == 400 and SpeakerProfile.objects.count() == 0
    client.post(reverse("staff_speakers", args=[edition.slug]), {"name": "Ana Lima"})
    response = client.post(reverse("staff_speakers_import", args=[edition.slug]), follow=True)
    assert "1 profil créé" in response.content.decode()
    paul = SpeakerProfile.objects.get(name="Paul Roux")
    client.post(reverse("staff_speaker_confirm", args=[edition.slug, paul.pk]))
    html = client.get(reverse("speaker_list", args=[edition.slug])).content.decode()
    assert "Paul Roux" in html and "Maire adjoint" in html and "Ana Lima" not in html


def test_organisers_give_an_imported_profile_its_speakers_address(client, edition):
    organiser = UserFactory()
    edition.organisers.add(organiser)
    profile = speaker(edition, "Paul Roux", confirmed=False)
    url = reverse("staff_speaker_email", args=[edition.slug, profile.pk])
    client.force_login(organiser)
    response = client.post(url, {"email": "pas une adresse"}, follow=True)
    assert "Saisissez une adresse e-mail valide." in response.content.decode()
    profile.refresh_from_db()
    assert profile.email == ""
    client.post(url, {"email": "Paul@Example.org"})
    profile.refresh_from_db()
    assert profile.email == "paul@example.org"
    client.force_login(UserFactory())
    assert client.post(url, {"email": "pirate@example.org"}).status_code == 403
    profile.refresh_from_db()
    assert profile.email == "paul@example.org"
