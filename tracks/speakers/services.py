"""Writes of speakers' profiles (issue 15): organisers create them (by hand or from the
sessions' speaker lines, which scheduled workshops take from their proposal) and confirm them;
the speaker edits their own profile and records their consent to the photo."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.audit.services import audit_record
from congress.core.mail import send_after_commit
from tracks.models import Session
from tracks.speakers import emails
from tracks.speakers.models import SpeakerProfile
from tracks.speakers.permissions import can_edit_speaker_profile, can_manage_speakers

PROFILE_FIELDS = ("name", "function", "organisation_name", "email", "bio")


def _refuse_unless_organiser(by, congress) -> None:
    if not can_manage_speakers(by, congress):
        raise PermissionDenied(_("Seuls les organisateurs de l'édition gèrent les intervenant·es."))


def speaker_profile_save(
    *, congress, by, sessions=(), profile: SpeakerProfile | None = None, **fields
) -> SpeakerProfile:
    """Create or update a profile (organisers); its sessions must be the edition's."""
    with transaction.atomic():
        _refuse_unless_organiser(by, congress)
        sessions = list(sessions)
        if any(session.congress_id != congress.pk for session in sessions):
            raise ValidationError({"sessions": _("Choisissez des sessions de cette édition.")})
        profile = profile or SpeakerProfile(congress=congress)
        if profile.congress_id != congress.pk:
            raise PermissionDenied(_("Ce profil appartient à une autre édition."))
        for name in PROFILE_FIELDS:
            if name in fields:
                setattr(profile, name, fields[name].strip())
        profile.email = profile.email.lower()
        profile.full_clean(validate_constraints=False)
        profile.save()
        profile.sessions.set(sessions)
    return profile


def parse_speaker_line(line: str) -> dict:
    """« Nom, fonction, organisation » as proposal_schedule writes it (the last two optional)."""
    parts = [part.strip() for part in line.split(",")]
    name, rest = parts[0], parts[1:]
    organisation = rest.pop() if len(rest) >= 2 else ""
    return {"name": name, "function": ", ".join(rest), "organisation_name": organisation}


def speaker_profiles_import(*, congress, by) -> int:
    """A profile (not confirmed) for each speaker line of the edition's sessions that has none
    yet of that name; every profile of that name is linked to the session. Returns how many
    profiles were created."""
    with transaction.atomic():
        _refuse_unless_organiser(by, congress)
        profiles = {p.name.casefold(): p for p in SpeakerProfile.objects.filter(congress=congress)}
        created = 0
        for session in Session.objects.filter(congress=congress).exclude(speakers=""):
            for line in session.speaker_list:
                data = parse_speaker_line(line)
                key = data["name"].casefold()
                if key not in profiles:
                    profile = SpeakerProfile(congress=congress, **data)
                    profile.full_clean(validate_constraints=False)
                    profile.save()
                    profiles[key], created = profile, created + 1
                profiles[key].sessions.add(session)
    return created


def speaker_profile_confirm(*, profile: SpeakerProfile, by) -> SpeakerProfile:
    """Public from now on; the speaker is sent the link to their profile (when an address is
    known). Confirming twice changes nothing."""
    with transaction.atomic():
        profile = SpeakerProfile.objects.select_for_update().get(pk=profile.pk)
        _refuse_unless_organiser(by, profile.congress)
        if profile.confirmed_at is not None:
            return profile
        profile.confirmed_at = timezone.now()
        profile.save(update_fields=["confirmed_at"])
        audit_record(
            actor=by, action="speaker.confirm", congress=profile.congress, target=profile,
            details={"name": profile.name},
        )  # fmt: skip
        if profile.email:
            send_after_commit(emails.send_confirmed, profile)
    return profile


def speaker_profile_update_own(
    *, profile: SpeakerProfile, by, photo=None, remove_photo: bool = False,
    photo_consent: bool = False, **fields,
) -> SpeakerProfile:  # fmt: skip
    """The speaker edits their profile: name, function, organisation, bio, photo, and records
    (or withdraws) their consent to the photo being shown. The account is linked on first edit."""
    with transaction.atomic():
        profile = SpeakerProfile.objects.select_for_update().get(pk=profile.pk)
        if not can_edit_speaker_profile(by, profile):
            raise PermissionDenied(_("Seul·e l'intervenant·e modifie son profil."))
        for name in ("name", "function", "organisation_name", "bio"):
            if name in fields:
                setattr(profile, name, fields[name].strip())
        if remove_photo:
            profile.photo = ""
        if photo is not None:
            profile.photo = photo
        if not profile.photo or not photo_consent:
            profile.photo_consent_at = None
        elif profile.photo_consent_at is None:
            profile.photo_consent_at = timezone.now()
        profile.user = by
        profile.full_clean(validate_constraints=False)
        profile.save()
    return profile
