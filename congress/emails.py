"""Emails of the congress app, rendered from templates/congress/email/ in the user's language."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def send_after_commit(send, *args, **kwargs) -> None:
    """Send an email once the transaction has committed, without ever failing the request.

    The action is already saved when the email goes out: an unreachable mail server is logged
    (with the traceback) instead of turning a completed registration into a server error.
    Organisers can resend confirmations from the registrations board.
    """

    def deliver():
        try:
            send(*args, **kwargs)
        except Exception:
            logger.exception("Email %s could not be sent", getattr(send, "__name__", send))

    transaction.on_commit(deliver)


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def send_templated(*, to: str, template: str, context: dict, language: str = "fr") -> None:
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def send_email_confirmation(user, token: str) -> None:
    send_templated(
        to=user.email,
        template="congress/email/confirm_email",
        context={"user": user, "url": site_url(reverse("confirm_email", args=[token]))},
        language=user.preferred_language,
    )


def send_invitation(invitation, token: str) -> None:
    send_templated(
        to=invitation.email,
        template="congress/email/invitation",
        context={
            "invitation": invitation,
            "url": site_url(reverse("invitation_accept", args=[token])),
        },
    )


# --- registration (registration branch) ---


def congress_ics(congress) -> bytes:
    """The edition as an iCalendar event (all-day, first to last day)."""
    from datetime import timedelta

    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Congrès national des Solidarités//FR")
    calendar.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", f"congress-{congress.pk}@{settings.SITE_URL.split('//')[-1].split('/')[0]}")
    event.add("summary", congress.name)
    event.add("dtstart", congress.start_date)
    event.add("dtend", congress.end_date + timedelta(days=1))
    venue = congress.venues.first()
    event.add(
        "location", f"{venue.name}, {venue.address}, {venue.city}" if venue else congress.city
    )
    event.add("url", site_url(congress.get_absolute_url()))
    calendar.add_component(event)
    return calendar.to_ical()


def send_registration_confirmation(registration) -> None:
    from django.core.mail import EmailMessage

    congress = registration.congress
    context = {
        "registration": registration,
        "congress": congress,
        "url": site_url(reverse("account")),
    }
    with translation.override("fr"):
        subject = render_to_string(
            "congress/email/registration_confirmed_subject.txt", context
        ).strip()
        body = render_to_string("congress/email/registration_confirmed.txt", context)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.email])
    message.attach(f"{congress.slug}.ics", congress_ics(congress), "text/calendar")
    message.send()


def send_waitlist_offer(entry) -> None:
    send_templated(
        to=entry.user.email,
        template="congress/email/waitlist_offer",
        context={
            "entry": entry,
            "url": site_url(reverse("registration_start", kwargs={"slug": entry.congress.slug})),
        },
        language=entry.user.preferred_language,
    )
