"""Writes of speakers' profiles (issue 15): organisers create them (by hand or from the
sessions' speaker lines, which scheduled workshops take from their proposal) and confirm them;
the speaker edits their own profile and records their consent to the photo."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.audit.services import audit_record
from congress.core.mail import send_after_commit
from tracks.models import Session
from tracks.speakers import emails
from tracks.speakers.models import SpeakerProfile
from tracks.speakers.permissions import can_edit_speaker_profile, can_manage_speakers

PROFILE_FIELDS = ("name", "function", "organisation_name", "email", "bio")


class EditConflict(ValidationError):
    """The profile was saved by someone else since the form was read; `current` is theirs."""

    def __init__(self, message, *, current):
        super().__init__(message, code="conflict")
        self.current = current


def _check_version(profile: SpeakerProfile, version: int | None, message) -> None:
    if version is not None and version != profile.version:
        raise EditConflict(message, current=profile)


def _refuse_unless_organiser(by, congress) -> None:
    if not can_manage_speakers(by, congress):
        raise PermissionDenied(_("Seuls les organisateurs de l'édition gèrent les intervenant·es."))


def speaker_profile_save(
    *, congress, by, sessions=(), profile: SpeakerProfile | None = None,
    version: int | None = None, **fields,
) -> SpeakerProfile:  # fmt: skip
    """Create or update a profile (organisers); its sessions must be the edition's. An edit
    is made under the profile's row lock from the `version` its form was read at (None: no
    check, for the one-field e-mail form): if the speaker or another organiser saved in the
    meantime, EditConflict and nothing changes. An edit is audited with the fields changed."""
    with transaction.atomic():
        _refuse_unless_organiser(by, congress)
        sessions = list(sessions)
        if any(session.congress_id != congress.pk for session in sessions):
            raise ValidationError({"sessions": _("Choisissez des sessions de cette édition.")})
        if profile is not None:
            if profile.congress_id != congress.pk:
                raise PermissionDenied(_("Ce profil appartient à une autre édition."))
            profile = SpeakerProfile.objects.select_for_update().get(pk=profile.pk)
            _check_version(profile, version, _("Ce profil a été modifié entre-temps (par "
                           "l'intervenant·e ou un·e autre organisateur·rice) : relisez-le, puis "
                           "enregistrez de nouveau."))  # fmt: skip
            before = {name: getattr(profile, name) for name in PROFILE_FIELDS}
            before_sessions = set(profile.sessions.values_list("pk", flat=True))
        profile_new = profile is None
        profile = profile or SpeakerProfile(congress=congress)
        for name in PROFILE_FIELDS:
            if name in fields:
                setattr(profile, name, fields[name].strip())
        profile.email = profile.email.lower()
        profile.full_clean(validate_constraints=False)
        if not profile_new:
            profile.version += 1
        profile.save()
        profile.sessions.set(sessions)
        if not profile_new:
            changed = [name for name in PROFILE_FIELDS if getattr(profile, name) != before[name]]
            if {session.pk for session in sessions} != before_sessions:
                changed.append("sessions")
            audit_record(
                actor=by, action="speaker.edit", congress=congress, target=profile,
                details={"name": profile.name, "fields": changed},
            )  # fmt: skip
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
    photo_consent: bool = False, version: int | None = None, **fields,
) -> SpeakerProfile:  # fmt: skip
    """The speaker edits their profile: name, function, organisation, bio, photo, and records
    (or withdraws) their consent to the photo being shown. The account is linked on first edit.
    From the `version` the form was read at: if the organisers saved the profile meanwhile,
    EditConflict and nothing changes (the speaker reads their text, then saves again)."""
    with transaction.atomic():
        profile = SpeakerProfile.objects.select_for_update().get(pk=profile.pk)
        if not can_edit_speaker_profile(by, profile):
            raise PermissionDenied(_("Seul·e l'intervenant·e modifie son profil."))
        _check_version(profile, version, _("Les organisateurs ont modifié votre profil "
                       "entre-temps : relisez-le, puis enregistrez de nouveau."))  # fmt: skip
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
        refusal = _second_profile_refusal(profile, by) if profile.user_id is None else None
        if refusal is not None:
            raise refusal
        profile.user = by
        profile.full_clean(validate_constraints=False)
        profile.version += 1
        try:
            with transaction.atomic():
                profile.save()
        except IntegrityError as error:  # the same person linking two profiles at one moment
            raise _second_profile_refusal(profile, by) or error from error
    return profile


def _second_profile_refusal(profile: SpeakerProfile, by) -> ValidationError | None:
    """An account speaks under one profile per edition: organisers may have made two with the
    same address (a name spelt two ways); the second is refused, naming the first."""
    linked = (
        SpeakerProfile.objects.filter(congress_id=profile.congress_id, user=by)
        .exclude(pk=profile.pk)
        .first()
    )
    if linked is None:
        return None
    return ValidationError(
        _(
            "Votre compte est déjà lié au profil « %(name)s » de cette édition : c'est "
            "celui-là que vous modifiez. Si les deux profils vous désignent, demandez aux "
            "organisateurs de les réunir."
        )
        % {"name": linked.name}
    )
