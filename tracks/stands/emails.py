"""The applicant of a stand is told of the organisers' decision; the organisers of a withdrawal."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from congress.core.mail import site_url


def send_decision(application) -> None:
    congress = application.congress
    context = {
        "application": application,
        "congress": congress,
        "stand": application.stand,
        "guide_url": site_url(reverse("stand_guide", args=[congress.slug])),
    }
    with translation.override("fr"):
        subject = render_to_string("tracks/stands/email/decision_subject.txt", context).strip()
        body = render_to_string("tracks/stands/email/decision.txt", context)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [application.contact_email]).send()


def send_withdrawal(application, number: str) -> None:
    """To the edition's organisers (its contact address when it has none)."""
    congress = application.congress
    recipients = [
        email
        for email in congress.organisers.filter(is_active=True).values_list("email", flat=True)
        if email
    ] or [congress.contact_email]
    context = {
        "application": application,
        "congress": congress,
        "number": number,
        "board_url": site_url(reverse("stand_board", args=[congress.slug])),
    }
    with translation.override("fr"):
        subject = render_to_string("tracks/stands/email/withdrawn_subject.txt", context).strip()
        body = render_to_string("tracks/stands/email/withdrawn.txt", context)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients).send()
