"""Who may see what of public sign-up (issue 15)."""

from django.utils import timezone

from congress.editions.models import VISIBLE_STATUSES, Congress


def public_signup_open(congress: Congress, session) -> bool:
    """Registration is open for a published edition with the feature on and its programme out;
    for an activity that requires it and has not started; for the evening before it ends."""
    if congress.status not in VISIBLE_STATUSES or congress.has_ended:
        return False
    if not congress.feature_on("activity_signup") or not congress.programme_published:
        return False
    if session is None:
        return congress.kind == "evening"
    if session.cancelled_at is not None:
        return False
    return session.registration_required and session.starts_at > timezone.now()


def online_link_given(registration) -> bool:
    """The video-call link goes only to the holder of a confirmed place, through the signed link
    of their e-mail: never on a public page, in the public API or to a person waiting."""
    return (
        registration.status == "confirmed"
        and registration.session is not None
        and registration.session.is_online
        and bool(registration.session.online_url)
    )
