"""Rules of the speakers' services stated exactly: the refusals' French texts, a stale form
refused with nothing changed, an edit audited with exactly the fields it changed, the version
raised by every edit, the consent to the photo kept, given or withdrawn."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from congress.audit.models import AuditEntry
from tests.factories import CongressFactory, SessionFactory, UserFactory
from tests.spaces import plain
from tests.tracks.speakers.conftest import png
from tracks.speakers import services
from tracks.speakers.models import SpeakerProfile

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_root")]

ORGANISERS_ONLY = "Seuls les organisateurs de l'édition gèrent les intervenant·es."


@pytest.fixture
def organiser(edition):
    user = UserFactory(full_name="Claire Organisatrice")
    edition.organisers.add(user)
    return user


@pytest.fixture
def ines(edition):
    return SpeakerProfile.objects.create(congress=edition, name="Inès Martin-Roux",
                                         function="Directrice", bio="Ancienne bio.")  # fmt: skip


def state(profile):
    profile = SpeakerProfile.objects.get(pk=profile.pk)
    return (profile.name, profile.function, profile.bio, profile.version,
            sorted(profile.sessions.values_list("pk", flat=True)))  # fmt: skip


def test_every_organisers_action_is_refused_to_others_with_the_french_reason(edition, ines):
    stranger = UserFactory()
    for action, kwargs in (
        (services.speaker_profile_save, {"congress": edition, "name": "Zoé Martin"}),
        (services.speaker_profile_save, {"congress": edition, "profile": ines, "bio": "x"}),
        (services.speaker_profiles_import, {"congress": edition}),
        (services.speaker_profile_confirm, {"profile": ines}),
    ):
        with pytest.raises(PermissionDenied) as error:
            action(by=stranger, **kwargs)
        assert str(error.value) == ORGANISERS_ONLY
    assert list(SpeakerProfile.objects.all()) == [ines]
    assert SpeakerProfile.objects.get(pk=ines.pk).confirmed_at is None


def test_another_editions_sessions_or_profile_are_refused_with_the_french_reason(
    edition, organiser, ines
):
    with pytest.raises(ValidationError) as error:
        services.speaker_profile_save(congress=edition, by=organiser, name="Zoé Martin",
                                      sessions=[SessionFactory()])  # fmt: skip
    assert error.value.message_dict == {"sessions": ["Choisissez des sessions de cette édition."]}
    other = CongressFactory()
    other.organisers.add(organiser)
    organiser = type(organiser).objects.get(pk=organiser.pk)  # organiser of both editions now
    with pytest.raises(PermissionDenied) as error:
        services.speaker_profile_save(congress=other, by=organiser, profile=ines, bio="x")
    assert str(error.value) == "Ce profil appartient à une autre édition."
    assert state(ines) == ("Inès Martin-Roux", "Directrice", "Ancienne bio.", 0, [])


def test_an_organisers_stale_form_is_refused_as_a_conflict_and_changes_nothing(
    edition, organiser, ines
):
    SpeakerProfile.objects.filter(pk=ines.pk).update(version=3, bio="Bio de l'intervenante.")
    with pytest.raises(services.EditConflict) as error:
        services.speaker_profile_save(congress=edition, by=organiser, profile=ines, version=2,
                                      bio="Nouvelle bio.", sessions=[SessionFactory(congress=edition)])  # fmt: skip
    assert error.value.code == "conflict"
    assert plain(error.value.messages) == [
        "Ce profil a été modifié entre-temps (par l'intervenant·e ou un·e autre "
        "organisateur·rice) : relisez-le, puis enregistrez de nouveau."
    ]
    assert (error.value.current.bio, error.value.current.version) == ("Bio de l'intervenante.", 3)
    assert state(ines) == ("Inès Martin-Roux", "Directrice", "Bio de l'intervenante.", 3, [])
    assert not AuditEntry.objects.exists()


def test_an_edit_raises_the_version_and_is_audited_with_the_fields_it_changed(
    edition, organiser, ines
):
    session = SessionFactory(congress=edition)
    ines.sessions.add(session)
    saved = services.speaker_profile_save(congress=edition, by=organiser, profile=ines, version=0,
                                          sessions=[session], bio=" Nouvelle bio. ")  # fmt: skip
    assert state(saved) == ("Inès Martin-Roux", "Directrice", "Nouvelle bio.", 1, [session.pk])
    entry = AuditEntry.objects.get(action="speaker.edit")
    assert (entry.actor, entry.congress, entry.target_type, entry.target_id, entry.details) == (
        organiser, edition, "tracks.SpeakerProfile", str(ines.pk),
        {"name": "Inès Martin-Roux", "fields": ["bio"]},
    )  # fmt: skip
    # Without a version (the one-field e-mail form): no check, still counted and audited.
    services.speaker_profile_save(congress=edition, by=organiser, profile=ines, sessions=[],
                                  email=" Ines@Example.org ")  # fmt: skip
    ines.refresh_from_db()
    assert (ines.email, ines.version) == ("ines@example.org", 2)
    assert AuditEntry.objects.filter(action="speaker.edit").latest("pk").details == {
        "name": "Inès Martin-Roux", "fields": ["email", "sessions"],
    }  # fmt: skip


def test_a_new_profile_starts_at_version_zero_and_is_not_audited(edition, organiser):
    created = services.speaker_profile_save(congress=edition, by=organiser, name="Zoé Martin")
    assert SpeakerProfile.objects.get(pk=created.pk).version == 0
    assert not AuditEntry.objects.exists()


def test_confirming_is_audited_with_the_speakers_name(edition, organiser, ines):
    services.speaker_profile_confirm(profile=ines, by=organiser)
    entry = AuditEntry.objects.get(action="speaker.confirm")
    assert (entry.actor, entry.congress, entry.target_id, entry.details) == (
        organiser, edition, str(ines.pk), {"name": "Inès Martin-Roux"}
    )  # fmt: skip
    assert SpeakerProfile.objects.get(pk=ines.pk).confirmed_at is not None


@pytest.fixture
def speaker(edition):
    user = UserFactory(full_name="Zoé Martin", email="zoe@example.org",
                       email_confirmed_at=timezone.now())  # fmt: skip
    profile = SpeakerProfile.objects.create(congress=edition, name="Zoé Martin",
                                            email="zoe@example.org")  # fmt: skip
    return user, profile


def test_the_speaker_is_refused_someone_elses_profile_with_the_french_reason(edition, speaker):
    _user, profile = speaker
    with pytest.raises(PermissionDenied) as error:
        services.speaker_profile_update_own(profile=profile, by=UserFactory(), name="Piraté")
    assert str(error.value) == "Seul·e l'intervenant·e modifie son profil."
    assert SpeakerProfile.objects.get(pk=profile.pk).name == "Zoé Martin"


def test_the_speakers_stale_form_is_refused_as_a_conflict(edition, speaker):
    user, profile = speaker
    SpeakerProfile.objects.filter(pk=profile.pk).update(version=1, bio="Par les organisateurs.")
    with pytest.raises(services.EditConflict) as error:
        services.speaker_profile_update_own(profile=profile, by=user, version=0, bio="Ma bio.")
    assert error.value.code == "conflict"
    assert plain(error.value.messages) == [
        "Les organisateurs ont modifié votre profil entre-temps : relisez-le, puis enregistrez "
        "de nouveau."
    ]
    profile.refresh_from_db()
    assert (profile.bio, profile.version, profile.user) == ("Par les organisateurs.", 1, None)


def test_the_consent_is_given_kept_then_withdrawn_and_the_version_raised(edition, speaker):
    user, profile = speaker
    saved = services.speaker_profile_update_own(profile=profile, by=user, version=0,
                                                photo=png(), photo_consent=True,
                                                function=" Directrice ",
                                                organisation_name=" CCAS de Nantes ")  # fmt: skip
    profile.refresh_from_db()
    given = profile.photo_consent_at
    assert given is not None and profile.photo
    assert (profile.function, profile.organisation_name, profile.user, profile.version) == (
        "Directrice", "CCAS de Nantes", user, 1
    )  # fmt: skip
    assert saved.version == 1
    services.speaker_profile_update_own(profile=profile, by=user, version=1, photo_consent=True)
    profile.refresh_from_db()
    assert (profile.photo_consent_at, profile.version) == (given, 2)
    services.speaker_profile_update_own(profile=profile, by=user, photo_consent=False)
    profile.refresh_from_db()
    assert profile.photo and profile.photo_consent_at is None


def test_removing_the_photo_withdraws_the_consent(edition, speaker):
    user, profile = speaker
    services.speaker_profile_update_own(profile=profile, by=user, photo=png(), photo_consent=True)
    services.speaker_profile_update_own(profile=profile, by=user, remove_photo=True,
                                        photo_consent=True)  # fmt: skip
    profile.refresh_from_db()
    assert not profile.photo
    assert profile.photo_consent_at is None


def test_a_second_profile_with_the_speakers_address_is_refused_with_a_clear_error(edition, speaker):
    user, first = speaker
    second = SpeakerProfile.objects.create(congress=edition, name="Zoé Martin (atelier)",
                                           email="zoe@example.org")  # fmt: skip
    services.speaker_profile_update_own(profile=first, by=user, bio="Ma bio.")
    with pytest.raises(ValidationError) as refused:
        services.speaker_profile_update_own(profile=second, by=user, bio="Autre bio.")
    assert plain(refused.value.messages) == [
        f"Votre compte est déjà lié au profil « {first.name} » de cette édition : c'est "
        "celui-là que vous modifiez. Si les deux profils vous désignent, demandez aux "
        "organisateurs de les réunir."
    ]
    second.refresh_from_db()
    assert (second.user, second.bio) == (None, "")


def test_a_second_profile_linked_at_the_same_moment_is_refused_too(edition, speaker, monkeypatch):
    """Two first edits at the same moment both pass the check; the second's save meets the
    one-profile-per-account constraint and gets the same refusal, not a server error."""
    user, first = speaker
    second = SpeakerProfile.objects.create(congress=edition, name="Zoé Martin (atelier)",
                                           email="zoe@example.org")  # fmt: skip
    services.speaker_profile_update_own(profile=first, by=user, bio="Ma bio.")
    real = services._second_profile_refusal
    checks = iter([lambda profile, by: None, real])  # the first check runs before the other link
    monkeypatch.setattr(services, "_second_profile_refusal", lambda p, by: next(checks)(p, by))

    with pytest.raises(ValidationError, match="déjà lié au profil"):
        services.speaker_profile_update_own(profile=second, by=user, bio="Autre bio.")

    second.refresh_from_db()
    assert (second.user, second.bio, second.version) == (None, "", 0)


def test_the_speakers_page_shows_the_refusal_of_a_second_profile(client, edition, speaker):
    from django.urls import reverse

    user, first = speaker
    second = SpeakerProfile.objects.create(congress=edition, name="Zoé Martin (atelier)",
                                           email="zoe@example.org")  # fmt: skip
    services.speaker_profile_update_own(profile=first, by=user, bio="Ma bio.")
    client.force_login(user)

    response = client.post(reverse("speaker_edit", args=[edition.slug, second.pk]),
                           {"name": "Zoé Martin", "version": second.version})  # fmt: skip

    assert response.status_code == 400
    assert f"déjà lié au profil « {first.name} »" in plain(response.content.decode())
    second.refresh_from_db()
    assert (second.user, second.name) == (None, "Zoé Martin (atelier)")
