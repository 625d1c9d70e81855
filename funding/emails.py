"""E-mails of calls for projects: the decision, with its notification letter attached."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from congress.core.mail import site_url
from funding import documents


def send_decision_letter(application, recipients: list[str]) -> None:
    context = {
        "application": application,
        "call": application.call,
        "decision": application.decision,
        "url": site_url(application.get_absolute_url()),
    }
    with translation.override("fr"):
        subject = render_to_string("funding/email/decision_letter_subject.txt", context)
        body = render_to_string("funding/email/decision_letter.txt", context)
    message = EmailMessage(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, recipients)
    message.attach(
        f"decision-{application.pk}.pdf",
        documents.decision_letter_pdf(application),
        "application/pdf",
    )
    message.send()
