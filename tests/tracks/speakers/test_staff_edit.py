"""Organisers edit a speaker's profile after adding it (issue 15): text and sessions, audited,
scoped to the edition, and refused when the speaker (or another organiser) saved meanwhile."""

import pytest
from django.urls import reverse
from django.utils import timezone

from congress.audit.models import AuditEntry
from tests.factories import CongressFactory, SessionFactory, UserFactory
from tracks.speakers.models import SpeakerProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(edition):
    return SpeakerProfile.objects.create(
        congress=edition, name="Inès Martin", function="Directrice", bio="Ancienne bio."
    )


def edit_url(edition, profile):
    return reverse("staff_speaker_edit", args=[edition.slug, profile.pk])


def data(session, version, **extra):
    return {"name": "Inès Martin-Roux", "function": "Présidente", "organisation_name": "CCAS",
            "email": "ines@example.org", "bio": "Nouvelle bio.", "sessions": [session.pk],
            "version": version, **extra}  # fmt: skip


def test_organisers_edit_text_and_sessions(client, edition, organiser, profile):
    session = SessionFactory(congress=edition, title="Plénière inaugurale")
    client.force_login(organiser)
    page = client.get(edit_url(edition, profile)).content.decode()
    assert "Ancienne bio." in page and "Plénière inaugurale" in page
    response = client.post(edit_url(edition, profile), data(session, 0))
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.name, profile.function, profile.bio, profile.version) == (
        "Inès Martin-Roux", "Présidente", "Nouvelle bio.", 1,
    )  # fmt: skip
    assert list(profile.sessions.all()) == [session]
    entry = AuditEntry.objects.get(action="speaker.edit")
    assert entry.actor == organiser
    assert set(entry.details["fields"]) == {
        "name", "function", "organisation_name", "email", "bio", "sessions",
    }  # fmt: skip
    listing = client.get(reverse("staff_speakers", args=[edition.slug])).content.decode()
    assert edit_url(edition, profile) in listing


def test_a_speakers_save_meanwhile_refuses_the_organisers_stale_form(
    client, edition, organiser, profile
):
    speaker = UserFactory(email="ines@example.org", email_confirmed_at=timezone.now())
    profile.email = "ines@example.org"
    profile.save()
    session = SessionFactory(congress=edition)
    client.force_login(organiser)
    client.get(edit_url(edition, profile))  # read at version 0

    client.force_login(speaker)
    own = reverse("speaker_edit", args=[edition.slug, profile.pk])
    assert client.post(own, {"name": "Inès M.", "bio": "Sa bio.", "version": 0}).status_code == 302

    client.force_login(organiser)
    refused = client.post(edit_url(edition, profile), data(session, 0))
    assert refused.status_code == 400
    assert "modifié entre-temps" in refused.content.decode()
    profile.refresh_from_db()
    assert (profile.name, profile.bio, profile.version) == ("Inès M.", "Sa bio.", 1)
    assert not profile.sessions.exists()
    assert not AuditEntry.objects.filter(action="speaker.edit").exists()
    # The form comes back with the current version: saving again is a knowing overwrite.
    assert 'name="version" value="1"' in refused.content.decode()
    assert client.post(edit_url(edition, profile), data(session, 1)).status_code == 302
    profile.refresh_from_db()
    assert profile.bio == "Nouvelle bio." and profile.version == 2


def test_the_speakers_stale_form_is_refused_after_the_organisers_edit(
    client, edition, organiser, profile
):
    speaker = UserFactory(email="ines@example.org", email_confirmed_at=timezone.now())
    profile.email = "ines@example.org"
    profile.save()
    client.force_login(organiser)
    client.post(edit_url(edition, profile), data(SessionFactory(congress=edition), 0))
    client.force_login(speaker)
    own = reverse("speaker_edit", args=[edition.slug, profile.pk])
    refused = client.post(own, {"name": "Inès M.", "bio": "Sa bio.", "version": 0})
    assert refused.status_code == 400
    assert "Les organisateurs ont modifié votre profil entre-temps" in refused.content.decode()
    profile.refresh_from_db()
    assert profile.bio == "Nouvelle bio."


def test_other_editions_and_strangers_are_refused(client, edition, organiser, profile):
    other = CongressFactory()
    client.force_login(organiser)
    url = reverse("staff_speaker_edit", args=[other.slug, profile.pk])
    assert client.get(url).status_code == 403  # not an organiser of the other edition
    other.organisers.add(organiser)
    assert client.get(url).status_code == 404  # the profile is not the other edition's
    foreign = SessionFactory(congress=other)
    response = client.post(edit_url(edition, profile), data(foreign, 0))
    assert response.status_code == 400
    client.force_login(UserFactory())
    assert client.post(edit_url(edition, profile), data(foreign, 0)).status_code == 403
    profile.refresh_from_db()
    assert profile.name == "Inès Martin" and profile.version == 0
