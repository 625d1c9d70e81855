"""The applicant of a stand is told of the organisers' decision."""

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
