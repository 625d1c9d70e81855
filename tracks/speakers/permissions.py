"""Who manages speakers' profiles, who edits one, who sees its photo (issue 15)."""

from congress.editions.permissions import is_organiser


def can_manage_speakers(user, congress) -> bool:
    return is_organiser(user, congress)


def can_edit_speaker_profile(user, profile) -> bool:
    """Only the speaker themself: the account the profile is linked to or, before it is
    linked, a confirmed account with the profile's e-mail address."""
    if not user.is_authenticated or not user.is_active:
        return False
    if profile.user_id is not None:
        return profile.user_id == user.pk
    return bool(
        profile.email
        and user.email_confirmed_at is not None
        and user.email.lower() == profile.email.lower()
    )


def can_see_speaker_photo(user, profile) -> bool:
    """Everyone once the profile is confirmed and its speaker agreed; before that, the speaker
    and the edition's organisers only."""
    if not profile.photo:
        return False
    if profile.photo_is_public:
        return True
    return can_edit_speaker_profile(user, profile) or can_manage_speakers(user, profile.congress)
