"""E-mails of the editions sub-domain: the programme alert's confirmation and its one message
when the programme is published (issue 15)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from congress.core.mail import site_url


def _send(template: str, context: dict, to: str) -> None:
    with translation.override("fr"):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to]).send()


def send_programme_alert_confirm(congress, email: str, token: str) -> None:
    context = {
        "congress": congress,
        "confirm_url": site_url(reverse("programme_alert_confirm", args=[congress.slug, token])),
    }
    _send("congress/editions/email/programme_alert_confirm", context, email)


def send_programme_published(congress, email: str) -> None:
    context = {"congress": congress, "url": site_url(congress.get_absolute_url())}
    _send("congress/editions/email/programme_published", context, email)
