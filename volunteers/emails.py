"""E-mails of volunteering's base: a place on a training freed for the first person waiting."""

from congress.core.mail import send_after_commit, send_templated, site_url


def _send_promoted(booking) -> None:
    send_templated(
        to=booking.user.email,
        template="volunteers/email/training_promoted",
        context={"booking": booking, "url": site_url(booking.session.get_absolute_url())},
        language=booking.user.preferred_language or "fr",
    )


def notify_training_promoted(booking) -> None:
    send_after_commit(_send_promoted, booking)


def _send_moved(booking) -> None:
    send_templated(
        to=booking.user.email,
        template="volunteers/email/training_moved",
        context={"booking": booking, "url": site_url(booking.session.get_absolute_url())},
        language=booking.user.preferred_language or "fr",
    )


def notify_session_moved(booking) -> None:
    """A session the person has a place on moved: its new time."""
    send_after_commit(_send_moved, booking)
