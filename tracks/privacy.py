"""Personal data of the tracks app (GDPR export and erasure): workshop sign-ups and roles."""

from tracks.models import TrackRole, WorkshopSignup


def export(user) -> dict:
    return {
        "workshop_signups": [
            {
                "congress": s.session.congress.name,
                "workshop": s.session.title,
                "starts_at": s.session.starts_at.isoformat(),
                "signed_up_at": s.created_at.isoformat(),
            }
            for s in WorkshopSignup.objects.filter(user=user).select_related("session__congress")
        ],
        "track_roles": [
            {"congress": r.track.congress.name, "track": r.track.name, "role": r.role}
            for r in TrackRole.objects.filter(user=user).select_related("track__congress")
        ],
        "moderated_sessions": list(user.moderated_sessions.values_list("title", flat=True)),
    }


def erase(user) -> None:
    # A deleted person gives up their seats; the outcomes keep their recorded attendee counts.
    WorkshopSignup.objects.filter(user=user).delete()
    TrackRole.objects.filter(user=user).delete()
    user.moderated_sessions.clear()
