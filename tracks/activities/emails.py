"""The confirmation of a public registration: the activity, its place, an .ics, the cancel link
and, for an online activity, when the video-call link comes: in this confirmation when the place
is confirmed within the last hour (``online_link_sent_at`` set by the service), otherwise by
itself shortly before the start (``send_online_links``), never both."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from congress.core.mail import site_url
from tracks.activities.permissions import online_link_given
from tracks.calendar import ical_bytes


def send_confirmation(registration, token: str) -> None:
    congress = registration.congress
    context = {
        "registration": registration,
        "congress": congress,
        "session": registration.session,
        "online_link": online_link_given(registration)
        and registration.online_link_sent_at is not None,
        "url": site_url(
            reverse(
                "activity_registration_detail",
                kwargs={"congress_slug": congress.slug, "token": token},
            )
        ),
    }
    with translation.override("fr"):
        subject = render_to_string(
            "tracks/activities/email/registration_subject.txt", context
        ).strip()
        body = render_to_string("tracks/activities/email/registration.txt", context)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.email])
    if registration.status == "confirmed" and registration.session is not None:
        calendar = ical_bytes([registration.session], name=registration.session.title)
        message.attach(f"activite-{registration.session.pk}.ics", calendar, "text/calendar")
    message.send()


def _send(template: str, context: dict, to: str) -> None:
    with translation.override("fr"):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to]).send()


def send_my_activities_link(congress, email: str, token: str) -> None:
    url = site_url(
        reverse("my_activities_list", kwargs={"congress_slug": congress.slug, "token": token})
    )
    _send("tracks/activities/email/my_activities", {"congress": congress, "url": url}, email)


def send_online_link(registration, token: str) -> None:
    """Shortly before an online activity: its link, to a confirmed place only."""
    if not online_link_given(registration):
        return
    congress = registration.congress
    url = site_url(
        reverse(
            "activity_registration_detail", kwargs={"congress_slug": congress.slug, "token": token}
        )
    )
    context = {"registration": registration, "session": registration.session,
               "congress": congress, "url": url}  # fmt: skip
    _send("tracks/activities/email/online_link", context, registration.email)


def send_activity_cancelled(registration) -> None:
    """The organisers cancelled the activity: each person registered or waiting is told."""
    context = {"registration": registration, "session": registration.session,
               "congress": registration.congress,
               "programme_url": site_url(reverse("activity_programme",
                                                 args=[registration.congress.slug]))}  # fmt: skip
    _send("tracks/activities/email/activity_cancelled", context, registration.email)
