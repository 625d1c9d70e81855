"""Speakers' profile rules (issue 15): only organisers create, import and confirm; only the
speaker edits their own profile; the photo is private until consented and confirmed."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from congress.audit.models import AuditEntry
from tests.factories import CongressFactory, SessionFactory, UserFactory
from tests.tracks.speakers.conftest import png
from tracks.speakers import selectors, services
from tracks.speakers.models import SpeakerProfile
from tracks.speakers.permissions import (
    can_edit_speaker_profile,
    can_manage_speakers,
    can_see_speaker_photo,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_root")]


def profile(edition, **fields):
    return SpeakerProfile.objects.create(
        congress=edition, name=fields.pop("name", "Zoé Martin"), **fields
    )


def test_only_the_editions_organisers_create_a_profile_with_its_own_sessions(edition, organiser):
    session = SessionFactory(congress=edition)
    with pytest.raises(PermissionDenied):
        services.speaker_profile_save(congress=edition, by=UserFactory(), name="Zoé")
    with pytest.raises(ValidationError, match="sessions de cette édition"):
        services.speaker_profile_save(
            congress=edition, by=organiser, name="Zoé", sessions=[SessionFactory()]
        )
    saved = services.speaker_profile_save(
        congress=edition, by=organiser, sessions=[session], name=" Zoé Martin ",
        function="Directrice", organisation_name="CCAS", email="Zoe@Example.org", bio="",
    )  # fmt: skip
    assert (saved.name, saved.email, list(saved.sessions.all())) == (
        "Zoé Martin",
        "zoe@example.org",
        [session],
    )
    assert saved.confirmed_at is None
    other = CongressFactory()
    with pytest.raises(PermissionDenied, match="autre édition"):
        services.speaker_profile_save(congress=edition, by=organiser, profile=profile(other))
    with pytest.raises(ValidationError):
        services.speaker_profile_save(congress=edition, by=organiser, name="  ")


def test_import_creates_one_profile_per_name_from_the_sessions_speaker_lines(edition, organiser):
    first = SessionFactory(
        congress=edition, speakers="Zoé Martin, Directrice, CCAS de Nantes\nPaul Roux\n"
    )
    second = SessionFactory(congress=edition, speakers="zoé martin, Directrice, CCAS de Nantes")
    SessionFactory(congress=CongressFactory(), speakers="Ailleurs Personne")
    with pytest.raises(PermissionDenied):
        services.speaker_profiles_import(congress=edition, by=UserFactory())
    assert services.speaker_profiles_import(congress=edition, by=organiser) == 2
    zoe = SpeakerProfile.objects.get(name="Zoé Martin")
    assert (zoe.function, zoe.organisation_name) == ("Directrice", "CCAS de Nantes")
    assert set(zoe.sessions.all()) == {first, second}
    paul = SpeakerProfile.objects.get(name="Paul Roux")
    assert (paul.function, paul.organisation_name) == ("", "")
    assert services.speaker_profiles_import(congress=edition, by=organiser) == 0
    assert SpeakerProfile.objects.count() == 2


def test_a_line_with_a_function_in_two_parts_keeps_the_last_part_as_organisation():
    assert services.parse_speaker_line("Ana, Cheffe, de projet, Mairie") == {
        "name": "Ana", "function": "Cheffe, de projet", "organisation_name": "Mairie"
    }  # fmt: skip
    assert services.parse_speaker_line("Ana, Mairie") == {
        "name": "Ana", "function": "Mairie", "organisation_name": ""
    }  # fmt: skip


def test_confirming_publishes_audits_and_mails_the_link_once(
    edition, organiser, django_capture_on_commit_callbacks
):
    speaker = profile(edition, email="zoe@example.org")
    silent = profile(edition, name="Sans Adresse")
    with pytest.raises(PermissionDenied):
        services.speaker_profile_confirm(profile=speaker, by=UserFactory())
    assert list(selectors.public_speakers(edition)) == []
    with pytest.raises(PermissionDenied):
        services.speaker_profile_confirm(profile=speaker, by=UserFactory(is_active=False))
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = services.speaker_profile_confirm(profile=speaker, by=organiser)
        services.speaker_profile_confirm(profile=silent, by=organiser)
    at = confirmed.confirmed_at
    assert services.speaker_profile_confirm(profile=speaker, by=organiser).confirmed_at == at
    assert [p.name for p in selectors.public_speakers(edition)] == ["Sans Adresse", "Zoé Martin"]
    assert [m.to for m in mail.outbox] == [["zoe@example.org"]]
    assert f"/speakers/{speaker.pk}/edit/" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="speaker.confirm").count() == 2


def test_public_speakers_are_sorted_the_french_way(edition):
    for name in ("Zoé", "Élodie", "emile", "Édouard"):
        profile(edition, name=name, confirmed_at="2024-01-01T10:00Z")
    profile(edition, name="Aaron")  # not confirmed
    assert [p.name for p in selectors.public_speakers(edition)] == [
        "Édouard", "Élodie", "emile", "Zoé"
    ]  # fmt: skip


def test_only_the_speaker_edits_their_profile_never_someone_else(edition, organiser):
    owner = UserFactory(email="zoe@example.org")
    speaker = profile(edition, email="zoe@example.org")
    stranger = UserFactory()
    unconfirmed = UserFactory(email="zoe2@example.org", email_confirmed_at=None)
    for user in (stranger, organiser, AnonymousUser()):
        assert not can_edit_speaker_profile(user, speaker)
    assert not can_edit_speaker_profile(unconfirmed, profile(edition, email="zoe2@example.org"))
    assert not can_edit_speaker_profile(stranger, profile(edition, name="Sans adresse"))
    with pytest.raises(PermissionDenied):
        services.speaker_profile_update_own(profile=speaker, by=stranger, name="Piraté")
    assert can_edit_speaker_profile(owner, speaker)
    services.speaker_profile_update_own(profile=speaker, by=owner, name="Zoé M.", bio="Bio")
    speaker.refresh_from_db()
    assert (speaker.name, speaker.bio, speaker.user) == ("Zoé M.", "Bio", owner)
    owner.is_active = False
    assert not can_edit_speaker_profile(owner, speaker)
    assert not can_edit_speaker_profile(UserFactory(email="ZOE@example.org"), speaker)


def test_the_photo_stays_private_until_consent_and_confirmation(edition, organiser):
    owner = UserFactory()
    speaker = profile(edition, user=owner)
    visitor = UserFactory()
    assert not can_see_speaker_photo(visitor, speaker)  # no photo
    services.speaker_profile_update_own(profile=speaker, by=owner, photo=png())
    speaker.refresh_from_db()
    assert speaker.photo_consent_at is None
    assert [can_see_speaker_photo(u, speaker) for u in (owner, organiser, visitor)] == [
        True, True, False
    ]  # fmt: skip
    services.speaker_profile_update_own(profile=speaker, by=owner, photo_consent=True)
    speaker.refresh_from_db()
    consent = speaker.photo_consent_at
    assert consent is not None and not can_see_speaker_photo(visitor, speaker)  # not confirmed
    services.speaker_profile_confirm(profile=speaker, by=organiser)
    speaker.refresh_from_db()
    assert can_see_speaker_photo(AnonymousUser(), speaker)
    services.speaker_profile_update_own(profile=speaker, by=owner, photo_consent=True)
    speaker.refresh_from_db()
    assert speaker.photo_consent_at == consent  # recorded once
    services.speaker_profile_update_own(profile=speaker, by=owner, photo_consent=False)
    speaker.refresh_from_db()
    assert speaker.photo_consent_at is None and not can_see_speaker_photo(visitor, speaker)
    services.speaker_profile_update_own(
        profile=speaker, by=owner, remove_photo=True, photo_consent=True
    )
    speaker.refresh_from_db()
    assert (bool(speaker.photo), speaker.photo_consent_at) == (False, None)


def test_a_photo_that_is_not_a_small_png_or_jpeg_is_refused(edition):
    owner = UserFactory()
    speaker = profile(edition, user=owner)
    fake = SimpleUploadedFile("photo.png", b"<svg onload='alert(1)'></svg>")
    with pytest.raises(ValidationError, match="PNG ou JPEG"):
        services.speaker_profile_update_own(profile=speaker, by=owner, photo=fake)
    speaker.refresh_from_db()
    assert not speaker.photo


def test_organisers_manage_speakers_of_their_edition_only(edition, organiser):
    assert can_manage_speakers(organiser, edition)
    assert not can_manage_speakers(organiser, CongressFactory())
    assert not can_manage_speakers(AnonymousUser(), edition)
