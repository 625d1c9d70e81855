"""Permission predicates for tracks: reviewers and moderators act on their own tracks only."""

from congress.editions.permissions import is_organiser
from congress.registrations.permissions import is_participant
from tracks.models import Track, TrackRoleKind


def _track_roles(user) -> set[tuple[int, str]]:
    cache = getattr(user, "_track_roles", None)
    if cache is None:
        cache = set(user.track_roles.values_list("track_id", "role"))
        user._track_roles = cache
    return cache


def is_reviewer(user, track: Track) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return (track.pk, TrackRoleKind.REVIEWER) in _track_roles(user)


def is_moderator(user, track: Track) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return (track.pk, TrackRoleKind.MODERATOR) in _track_roles(user)


def can_moderate(user, track: Track) -> bool:
    """Moderators of the track, and organisers of its edition."""
    return is_moderator(user, track) or is_organiser(user, track.congress)


def reviewer_track_ids(user) -> set[int]:
    if not user.is_authenticated or not user.is_active:
        return set()
    return {t for t, role in _track_roles(user) if role == TrackRoleKind.REVIEWER}


def moderator_track_ids(user) -> set[int]:
    if not user.is_authenticated or not user.is_active:
        return set()
    return {t for t, role in _track_roles(user) if role == TrackRoleKind.MODERATOR}


# --- sessions and workshop sign-up ------------------------------------------------------------


def can_manage_programme(user, congress) -> bool:
    return is_organiser(user, congress)


def can_sign_up(user, session) -> bool:
    return session.session_type.is_workshop and is_participant(user, session.congress)


def can_see_attendees(user, session) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if is_organiser(user, session.congress):
        return True
    return any(m.pk == user.pk for m in session.moderators.all())


def clear_track_roles_cache(user) -> None:
    if hasattr(user, "_track_roles"):
        delattr(user, "_track_roles")
